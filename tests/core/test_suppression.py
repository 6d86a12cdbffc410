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
from hypothesis import example, given, settings
from hypothesis import strategies as st

from boardhub.core.suppression import Count, Published, group_states, publish, publish_rows

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
