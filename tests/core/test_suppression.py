"""No published figure gives away a small count, directly or by subtraction.

The reader here knows everything a published table says: the total, every shown count, which
counts read "fewer than 5" (1 to 4) and which "hidden" (5 or more; but any number, nought
too, when no count of the group reads "fewer than 5"). For each group, `possible_counts`
lists every set of counts that agrees with all of that (`reader_knows` does the same for a
whole tree); a hidden count under 5 is safe when it could be at least two values (one of 5
or more that can be worked out gives nobody away), and the hidden counts of a group
together are at least the threshold. (A reader who also reruns the rule on every guess
learns more: which counts it would have hidden first. That is the limit of cell
suppression, and why the threshold is a setting.)"""

import pytest
from django.core.cache import cache
from hypothesis import example, given, settings
from hypothesis import strategies as st

from boardhub.core.suppression import (
    Count,
    Published,
    group_states,
    publish,
    publish_finer,
    publish_rows,
    publish_rows_kept,
    publish_running_totals,
)
from boardhub.core.suppression import _propagate as propagate_sums

THRESHOLD = 5


def possible_counts(states, shown, total, threshold, strict=True):
    """Every list of counts that agrees with what the group published. `strict`: the reader
    knows a "hidden" count beside a "fewer than 5" is 5 or more (true within one table; not
    across rows, where a count may be hidden because its row hid what it splits from)."""
    hidden = [index for index, state in enumerate(states) if state != Published.SHOWN]
    any_fewer = Published.FEWER in states

    def bounds(state, rest):
        if state == Published.FEWER:
            return 1, min(threshold - 1, rest)
        return (threshold if any_fewer and strict else 0), rest

    def fill(positions, rest):
        if not positions:
            if rest == 0:
                yield {}
            return
        low, high = bounds(states[positions[0]], rest)
        for value in range(low, high + 1):
            for others in fill(positions[1:], rest - value):
                yield {positions[0]: value, **others}

    rest = total - sum(shown.values())
    return [
        [shown.get(index, filled.get(index)) for index in range(len(states))]
        for filled in fill(hidden, rest)
    ]


def assert_group_safe(counts, threshold):
    assert_states_safe(counts, group_states(counts, threshold), threshold)


def assert_states_safe(counts, states, threshold, strict=True):
    """Nothing of a group whose total is shown, published as `states`, can be worked out."""
    shown = {i: counts[i] for i, state in enumerate(states) if state == Published.SHOWN}
    for index, state in enumerate(states):
        if state == Published.SHOWN:
            assert counts[index] == 0 or counts[index] >= threshold, (counts, states)
        if state == Published.FEWER:
            assert 0 < counts[index] < threshold
    hidden = [index for index, state in enumerate(states) if state != Published.SHOWN]
    hidden_total = sum(counts[index] for index in hidden)
    if not hidden_total:
        return  # all nought, which picks out nobody (noughts are shown)
    assert hidden_total >= threshold, (counts, states)
    worlds = possible_counts(states, shown, sum(counts), threshold, strict)
    assert counts in worlds
    for index in hidden:
        could_be = {world[index] for world in worlds}
        if 0 < counts[index] < threshold:
            assert len(could_be) >= 2, f"{counts} published as {states}: count {index} is known"


small_groups = st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=5).filter(
    lambda counts: sum(counts) >= THRESHOLD
)


@settings(max_examples=400, deadline=None)
@given(small_groups)
@example([1, 5])  # "fewer than 5" beside one hidden count would say both
@example([1, 1, 1, 1, 1])
@example([4, 0, 9])
@example([2, 2, 6, 6])
def test_no_group_gives_away_a_small_count(counts):
    assert_group_safe(counts, THRESHOLD)


@settings(max_examples=150, deadline=None)
@given(small_groups, st.integers(min_value=2, max_value=10))
def test_any_threshold(counts, threshold):
    if sum(counts) >= threshold:
        assert_group_safe(counts, threshold)


def trees():
    """A total split into groups, some of them split again (as ethnic groups are)."""
    leaf = st.integers(min_value=0, max_value=12)
    group = st.lists(leaf, min_size=1, max_size=4)
    return st.lists(group, min_size=1, max_size=4).map(
        lambda groups: Count(
            "total",
            sum(map(sum, groups)),
            tuple(
                Count(
                    f"group {g}",
                    sum(counts),
                    tuple(Count(f"{g}.{i}", c) for i, c in enumerate(counts)),
                )
                for g, counts in enumerate(groups)
            ),
        )
    )


def walk(true, shown):
    yield true, shown
    for true_child, shown_child in zip(true.children, shown.children, strict=True):
        yield from walk(true_child, shown_child)


def reader_knows(true, shown, threshold=THRESHOLD):
    """{path: every value the count could have}, for a reader who knows every shown count and
    label of a published tree: exact for trees (each part is independent of the others given
    its total). A "hidden" count beside a "fewer than 5" is 5 or more; otherwise it could be
    anything, nought too."""
    # No count is more than the total; a hidden total is "fewer than" the threshold.
    top = true.count if shown.is_shown else threshold - 1

    def labels(node, published, path, siblings_fewer):
        if published.is_shown:
            return {published.count}
        if published.state == Published.FEWER:
            return set(range(1, threshold))
        return set(range(threshold if siblings_fewer else 0, top + 1))

    achievable = {}

    def up(node, published, path, siblings_fewer):
        values = labels(node, published, path, siblings_fewer)
        if node.children:
            fewer = any(child.state == Published.FEWER for child in published.children)
            sums = {0}
            for child, shown_child in zip(node.children, published.children, strict=True):
                below = up(child, shown_child, (*path, child.key), fewer)
                sums = {a + b for a in sums for b in below if a + b <= top}
            values &= sums
        achievable[path] = values
        return values

    up(true, shown, (), False)
    feasible = {(): achievable[()]}

    def down(node, path):
        kids = [(*path, child.key) for child in node.children]
        for index, child in enumerate(node.children):
            others = {0}
            for other in kids[:index] + kids[index + 1 :]:
                others = {a + b for a in others for b in achievable[other] if a + b <= top}
            feasible[kids[index]] = {
                value
                for value in achievable[kids[index]]
                if any(total - value in others for total in feasible[path])
            }
            down(child, kids[index])

    down(true, ())
    return feasible


def assert_tree_safe(tree, published, threshold=THRESHOLD):
    known = reader_knows(tree, published, threshold)
    for (path, node), (__, shown) in zip(paths(tree), paths(published), strict=True):
        assert node.count in known[path], path
        if shown.is_shown:
            assert shown.count == node.count
            assert node.count == 0 or node.count >= threshold, path
        elif 0 < node.count < threshold:
            assert len(known[path]) >= 2, f"{path} ({node.count}) can be worked out"
        if node.children and len(known[path]) == 1:
            hidden = [
                c.count
                for c, s in zip(node.children, shown.children, strict=True)
                if not s.is_shown
            ]
            assert sum(hidden) == 0 or sum(hidden) >= threshold, (
                f"{path}: hidden add up to {sum(hidden)}"
            )


@settings(max_examples=300, deadline=None)
@given(trees())
@example(
    Count(
        "members",
        46,
        (
            Count(
                "told us",
                40,
                tuple(Count(str(i), c) for i, c in enumerate([1, 4, 6, 9, 10, 7, 3, 0])),
            ),
            Count("prefer not", 1),
            Count("not answered", 5),
        ),
    )
)
def test_no_count_of_a_tree_can_be_worked_out(tree):
    assert_tree_safe(tree, publish(tree, THRESHOLD))


def test_one_member_who_did_not_answer_leaves_the_rest_of_the_table_shown():
    """Hiding whatever a small count touches would blank the whole table; only enough is."""
    ages = tuple(Count(str(i), c) for i, c in enumerate([12, 9, 10, 9]))
    tree = Count(
        "members",
        46,
        (Count("told us", 40, ages), Count("prefer not", 1), Count("not answered", 5)),
    )
    published = publish(tree, THRESHOLD)
    told_us = published.child("told us")
    assert told_us.count == 40
    assert [child.count for child in told_us.children] == [12, 9, 10, 9]
    assert [published.child(key).state for key in ("prefer not", "not answered")] == [
        Published.HIDDEN,
        Published.HIDDEN,
    ]


@given(trees())
def test_shares_only_beside_shown_counts(tree):
    for __, shown in walk(tree, publish(tree, THRESHOLD)):
        for child in shown.children:
            if child.is_shown and shown.is_shown and shown.count:
                assert child.share == pytest.approx(child.count / shown.count)
            else:
                assert child.share is None


def test_a_board_of_four_shows_nothing():
    tree = Count("members", 4, (Count("female", 3), Count("male", 1)))
    published = publish(tree, THRESHOLD)
    assert published.state == Published.FEWER
    assert [child.state for child in published.children] == [Published.HIDDEN] * 2


def test_a_small_count_hides_the_next_smallest():
    states = group_states([20, 3, 9, 12], THRESHOLD)
    assert states == [Published.SHOWN, Published.FEWER, Published.HIDDEN, Published.SHOWN]


def test_counts_that_do_not_add_up_are_refused():
    with pytest.raises(ValueError, match="do not add up"):
        Count("members", 10, (Count("female", 3), Count("male", 3)))


def funnel(applied, approved, joined, active):
    return Count(
        "applied",
        applied,
        (
            Count(
                "approved",
                approved,
                (
                    Count(
                        "joined", joined, (Count("active", active), Count("idle", joined - active))
                    ),
                    Count("not joined", approved - joined),
                ),
            ),
            Count("not approved", applied - approved),
        ),
    )


def funnel_counts():
    def build(numbers):
        active, idle, not_joined, not_approved = numbers
        joined = active + idle
        approved = joined + not_joined
        return (approved + not_approved, approved, joined, active)

    return st.tuples(*[st.integers(min_value=0, max_value=9)] * 4).map(build)


def states_at(published, path):
    node = published
    for key in path:
        node = node.child(key)
    return node


def paths(tree, path=()):
    yield path, tree
    for child in tree.children:
        yield from paths(child, (*path, child.key))


@settings(max_examples=150, deadline=None)
@given(st.lists(funnel_counts(), min_size=1, max_size=4))
def test_rows_that_add_up_to_a_total_give_nothing_away(rows):
    """Applications by where people heard of the board: no source's count at any stage is
    the total's less the others', nor its stage less the next."""
    trees = {f"source {i}": funnel(*counts) for i, counts in enumerate(rows)}
    total = funnel(*(sum(column) for column in zip(*rows, strict=True)))
    published_total, published = publish_rows(total, trees, THRESHOLD)
    for path, __ in paths(total):
        shown_total = states_at(published_total, path)
        row_nodes = [states_at(published[key], path) for key in trees]
        row_counts = [states_at(trees[key], path).count for key in trees]
        if shown_total.is_shown:
            assert_states_safe(
                row_counts, [node.state for node in row_nodes], THRESHOLD, strict=False
            )
        else:
            assert all(not node.is_shown for node in row_nodes)
    for key, tree in trees.items():
        for path, node in paths(tree):
            shown = states_at(published[key], path)
            if shown.is_shown and node.children and node.count:
                children = [child.count for child in node.children]
                assert_states_safe(
                    children, [c.state for c in shown.children], THRESHOLD, strict=False
                )
            if shown.is_shown:
                assert node.count == 0 or node.count >= THRESHOLD


def coarse(tree):
    """The same figures with the smaller groups left whole (the five high-level ethnic groups)."""
    return Count(
        tree.key, tree.count, tuple(Count(group.key, group.count) for group in tree.children)
    )


@settings(max_examples=300, deadline=None)
@given(trees())
def test_a_finer_table_beside_a_coarser_gives_nothing_away(tree):
    """The detailed ethnic groups beside the high-level ones: the finer table never hides a
    group the coarser shows, and each group's detail is safe with its total known."""
    published_coarse = publish(coarse(tree), THRESHOLD)
    finer = publish_finer(published_coarse, tree, THRESHOLD)
    for group, shown_coarse, shown_fine in zip(
        tree.children, published_coarse.children, finer.children, strict=True
    ):
        assert (shown_fine.state, shown_fine.count) == (shown_coarse.state, shown_coarse.count)
        if shown_coarse.is_shown:
            assert_tree_safe(group, shown_fine)
        else:
            assert all(child.state == Published.HIDDEN for child in shown_fine.children)


def test_the_detail_never_gives_away_what_the_high_level_table_hid():
    tree = Count(
        "total",
        12,
        (
            Count("a", 1, (Count("a1", 0), Count("a2", 1))),
            Count("b", 5, (Count("b1", 0), Count("b2", 5))),
            Count("c", 6, (Count("c1", 6),)),
        ),
    )
    high_level = publish(coarse(tree), THRESHOLD)
    assert high_level.child("c").count == 6
    # Published on its own, the detail shows b's 0 and 5 (and hides c): beside the high-level
    # 6 of c, the 12 less 6 less 5 would be a's 1.
    alone = publish(tree, THRESHOLD)
    assert [child.count for child in alone.child("b").children] == [0, 5]
    finer = publish_finer(high_level, tree, THRESHOLD)
    assert [child.state for child in finer.child("b").children] == [Published.HIDDEN] * 2
    assert finer.child("c").child("c1").count == 6


def cumulative(trees):
    """The running totals of same-shaped Count trees."""
    found, so_far = [], None
    for tree in trees:
        so_far = tree if so_far is None else add(so_far, tree)
        found.append(so_far)
    return found


def add(one, other):
    children = tuple(add(a, b) for a, b in zip(one.children, other.children, strict=True))
    return Count(one.key, one.count + other.count, children)


@settings(max_examples=200, deadline=None)
@given(st.lists(funnel_counts(), min_size=1, max_size=5))
def test_running_totals_give_away_no_part(parts):
    """The board at the end of each quarter: a quarter less the one before is who joined in
    between, so a running total is shown only where every part it adds up is (which the
    parts, published as rows, allow), and any two running totals subtract to shown parts."""
    trees = [funnel(*counts) for counts in parts]
    total = funnel(*(sum(column) for column in zip(*parts, strict=True)))
    published_total, running = publish_running_totals(total, trees, THRESHOLD)
    __, rows = publish_rows(total, dict(enumerate(trees)), THRESHOLD)
    assert published_total == publish(total, THRESHOLD)
    for end, (true, shown) in enumerate(zip(cumulative(trees), running, strict=True)):
        for path, node in paths(true):
            figure = states_at(shown, path)
            parts_shown = [states_at(rows[index], path) for index in range(end + 1)]
            if figure.is_shown:
                assert figure.count == node.count
                assert all(part.is_shown for part in parts_shown), (end, path)
            elif figure.state == Published.FEWER:
                assert 0 < node.count < THRESHOLD
                unshown = [part for part in parts_shown if not part.is_shown]
                assert [part.state for part in unshown] == [Published.FEWER]


def test_one_more_member_in_a_quarter_is_not_given_away():
    # Six women by the end of the first quarter, one more in the third: 6, 6, 7 would say
    # that the woman who joined in the third quarter is the one.
    def women(count):
        return Count("members", count, (Count("women", count), Count("men", 0)))

    parts = [women(6), women(0), women(1)]
    now, running = publish_running_totals(women(7), parts, THRESHOLD)
    assert now.child("women").count == 7
    assert not any(quarter.child("women").is_shown for quarter in running)


def test_rows_read_together_give_nothing_away():
    """Each group alone leaves the 1 open (1 or 2), but together the sums pin it: 7 = x + y
    in the first row, 7 = x + x' down the first column, 10 = x' + y' in the second row, and
    y' "fewer than 5". One more count has to be hidden."""

    def row(count, first, second):
        return Count("all", count, (Count("first", first), Count("second", second)))

    rows = {"a": row(7, 1, 6), "b": row(10, 6, 4)}
    total, published = publish_rows(row(17, 7, 10), rows, THRESHOLD)
    assert not pinned_values(row(17, 7, 10), rows, total, published)
    assert sum(not node.is_shown for p in published.values() for node in p.children) >= 4
    assert sum(p.is_shown for p in published.values()) < 2


def labelled_range(node, shown, group):
    """What a reader knows of one count from its label, as the module describes them."""
    if shown.is_shown:
        return (node.count, node.count)
    if shown.state == Published.FEWER:
        return (1, THRESHOLD - 1)
    beside_fewer = any(other.state == Published.FEWER for other in group)
    return (THRESHOLD if beside_fewer and node.count >= THRESHOLD else 0, 10**6)


def pinned_values(total, rows, published_total, published):
    """The small hidden counts that only one value fits, for a reader who solves every sum
    of the rows and the total together by exhaustive search: [(row, path)]."""
    trees = {"total": (total, published_total)} | {k: (rows[k], published[k]) for k in rows}
    ranges, sums, truth = {}, [], {}
    for key, (tree, shown) in trees.items():
        for path, node in paths(tree):
            group = states_at(shown, path[:-1]).children if path else ()
            ranges[key, path] = labelled_range(node, states_at(shown, path), group)
            truth[key, path] = node.count
            if node.children:
                sums.append(((key, path), [(key, (*path, c.key)) for c in node.children]))
    for path, __ in paths(total):
        sums.append((("total", path), [(key, path) for key in rows]))

    def solvable(ranges):
        ranges = propagate_sums(dict(ranges), sums)
        if any(low > high for low, high in ranges.values()):
            return False
        open_cells = [cell for cell, (low, high) in ranges.items() if low < high]
        if not open_cells:
            return all(
                ranges[whole][0] == sum(ranges[kid][0] for kid in kids) for whole, kids in sums
            )
        cell = min(open_cells, key=lambda c: ranges[c][1] - ranges[c][0])
        low, high = ranges[cell]
        return any(solvable(ranges | {cell: (v, v)}) for v in range(low, high + 1))

    pinned = []
    for cell, count in truth.items():
        shown = states_at(trees[cell[0]][1], cell[1]).is_shown
        if shown or not 0 < count < THRESHOLD:
            continue
        low, high = propagate_sums(dict(ranges), sums)[cell]
        others = (v for v in range(low, min(high, 10**6) + 1) if v != count)
        if not any(solvable(ranges | {cell: (v, v)}) for v in others):
            pinned.append(cell)
    return pinned


@settings(max_examples=150, deadline=None)
@given(st.lists(funnel_counts(), min_size=2, max_size=3))
def test_no_small_count_of_the_rows_can_be_solved_for(rows):
    trees = {f"source {i}": funnel(*counts) for i, counts in enumerate(rows)}
    total = funnel(*(sum(column) for column in zip(*rows, strict=True)))
    published_total, published = publish_rows(total, trees, THRESHOLD)
    assert not pinned_values(total, trees, published_total, published)


def test_rows_kept_in_the_cache_follow_their_counts():
    rows = {"a": funnel(7, 6, 4, 1), "b": funnel(9, 5, 5, 3)}
    total = funnel(16, 11, 9, 4)
    cache.clear()
    first = publish_rows_kept(total, rows, THRESHOLD)
    assert first == publish_rows(total, rows, THRESHOLD)
    assert publish_rows_kept(total, rows, THRESHOLD) == first
    # One more active member in "a": new counts, new figures, never the kept ones.
    rows["a"] = funnel(7, 6, 4, 2)
    moved = publish_rows_kept(funnel(16, 11, 9, 5), rows, THRESHOLD)
    assert moved == publish_rows(funnel(16, 11, 9, 5), rows, THRESHOLD) != first
