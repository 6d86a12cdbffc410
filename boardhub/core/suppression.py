"""Small numbers, hidden so that nobody can be picked out of a figure, even by arithmetic.

Figures come as a tree of counts: a total, the groups it splits into, the smaller groups each
of those splits into (members; those who answered, "prefer not to say" and "not answered";
the ethnic groups; the detailed groups within each). `publish(tree)` decides what may be
shown, level by level from the top:

- Primary suppression: a count from 1 to threshold - 1 is never shown. It reads "fewer than
  5" (Published.FEWER). Nought is shown: that nobody is in a group picks out nobody (except
  where a whole group is hidden, below).
- Secondary suppression: within one group, the hidden counts add up to the group's total
  less the shown ones. So more counts are hidden (Published.HIDDEN: "not shown, so that a
  small number cannot be worked out"), smallest first, until the hidden ones add up to at
  least the threshold and none of them can be worked out from the rest, even knowing which
  read "fewer than 5" (1 to threshold - 1) and which are only hidden (threshold or more).
- Where even that is not enough (a total of 6 split 1 and 5), every count of the group is
  hidden, noughts too, and reads only "hidden".
- A hidden count's smaller groups are all hidden, and read only "hidden".
- A total under the threshold hides everything below it too.

Figures that a reader has side by side are published together: rows that add up to a total
(`publish_rows`: a funnel per outreach event, read across and down at once), a finer table
beside a coarser one (`publish_finer`), and the quarters of a time series, any two of which
subtract to the people who joined in between (`publish_running_totals`).

Shares are of the group a count belongs to, and only where both are shown. The rule does not
know what the figures are about: one tree per table, chart or export, each published through
here.
"""

from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.utils.crypto import salted_hmac

KEPT_SECONDS = 24 * 60 * 60


def is_small(count, threshold):
    """Whether a count may never be shown: 1 to threshold - 1 (nought picks out nobody)."""
    return 0 < count < threshold


@dataclass(frozen=True)
class Count:
    """A true count, with the counts it splits into (which add up to it), in order."""

    key: str
    count: int
    children: tuple["Count", ...] = ()

    def __post_init__(self):
        if self.count < 0:
            raise ValueError(f"{self.key}: a count cannot be negative")
        if self.children and sum(child.count for child in self.children) != self.count:
            raise ValueError(f"{self.key}: its groups do not add up to it")

    def child(self, key):
        return next(child for child in self.children if child.key == key)


@dataclass(frozen=True)
class Published:
    """What may be shown of a Count: `count` and `share` are None when hidden."""

    SHOWN = "shown"
    FEWER = "fewer"  # 1 to threshold - 1
    HIDDEN = "hidden"  # hidden so that a small count cannot be worked out

    key: str
    state: str
    count: int | None
    share: float | None  # of its group, 0 to 1
    children: tuple["Published", ...] = field(default=())

    @property
    def is_shown(self):
        return self.state == self.SHOWN

    def child(self, key):
        return next(child for child in self.children if child.key == key)


def in_words(published, threshold):
    """A published count as a table, a page or a spreadsheet shows it."""
    if published.is_shown:
        return published.count
    return f"fewer than {threshold}" if published.state == Published.FEWER else "hidden"


def publish(tree, threshold, hide=frozenset(), plain=frozenset()):
    """The Published tree for a Count tree: what may be shown of it.

    Small counts read "fewer than"; then, while what is shown lets a reader work out a
    hidden count (from its group's total and the rest of the group, or from the counts it
    splits into), or a group's hidden counts add up to a known number under the threshold,
    one more count is hidden: the smallest that helps, in the group or below the count.
    Where hiding cannot help (a total of 6 split 1 and 5), the group's counts all read only
    "hidden". A total under the threshold hides everything.

    As `publish_rows` asks, `hide` holds paths (tuples of keys below the top, ("approved",
    "joined")) to hide whatever their counts, and `plain` those that may read only "hidden",
    never "fewer than"."""
    cells = _cells(tree)
    if is_small(tree.count, threshold):
        top = Published.HIDDEN if () in plain else Published.FEWER
        return _build(tree, (), dict.fromkeys(cells, Published.HIDDEN) | {(): top}, None)
    states = {
        path: Published.FEWER if is_small(cell.count, threshold) else Published.SHOWN
        for path, cell in cells.items()
    }
    plain = set(plain)
    for path in hide:
        if states[path] == Published.SHOWN:
            states[path] = Published.HIDDEN
            if not cells[path].count:
                plain.add(path)  # a nought hidden reads "hidden", never "5 or more"
    while (problem := _first_problem(cells, states, plain, threshold)) is not None:
        if not _fix(problem, cells, states, plain):
            _hide_a_cause(cells, states, known_ranges(cells, states, plain, threshold))
    for path in plain:
        if states[path] != Published.SHOWN:
            states[path] = Published.HIDDEN
    return _build(tree, (), states, None)


def _cells(node, path=()):
    """{path: Count} for every count of the tree."""
    found = {path: node}
    for child in node.children:
        found.update(_cells(child, (*path, child.key)))
    return found


def _build(node, path, states, share):
    state = states[path]
    shown = state == Published.SHOWN
    children = tuple(
        _build(
            child,
            (*path, child.key),
            states,
            child.count / node.count
            if shown and node.count and states[(*path, child.key)] == Published.SHOWN
            else None,
        )
        for child in node.children
    )
    return Published(node.key, state, node.count if shown else None, share, children)


BIG = 10**12  # no count is larger


def known_ranges(cells, states, plain, threshold):
    """What a reader can know of every count: {path: (lowest, highest)}, from the shown counts,
    the "fewer than" labels and the sums, propagated through the tree until nothing changes
    (for sums over a tree this gives the exact range of each)."""
    ranges = {}
    for path, cell in cells.items():
        state = states[path]
        if state == Published.SHOWN:
            ranges[path] = (cell.count, cell.count)
        elif path in plain:
            ranges[path] = (0, BIG)
        elif state == Published.FEWER:
            ranges[path] = (1, threshold - 1)
        else:
            ranges[path] = (threshold, BIG)
    sums = [
        (path, [(*path, child.key) for child in cell.children])
        for path, cell in cells.items()
        if cell.children
    ]
    return _propagate(ranges, sums)


def _propagate(ranges, sums):
    """Narrow `ranges` ({cell: (lowest, highest)}) by `sums` ([(cell, the cells that add up
    to it)]) until nothing changes."""
    changed = True
    while changed:
        changed = False
        for whole, kids in sums:
            low, high = ranges[whole]
            kids_low = sum(ranges[kid][0] for kid in kids)
            kids_high = sum(ranges[kid][1] for kid in kids)
            new = (max(low, kids_low), min(high, kids_high))
            if new != ranges[whole]:
                ranges[whole], changed = new, True
            low, high = new
            for kid in kids:
                kid_low, kid_high = ranges[kid]
                others_low = kids_low - kid_low
                others_high = kids_high - kid_high
                narrowed = (max(kid_low, low - others_high), min(kid_high, high - others_low))
                if narrowed != ranges[kid]:
                    ranges[kid], changed = narrowed, True
    return ranges


def _first_problem(cells, states, plain, threshold):
    """("count", path): a hidden count under the threshold that a reader can work out (a
    larger one worked out gives nothing away, and the ranges count what it tells); ("group",
    path): a group whose hidden counts add up to a number a reader knows and is under the
    threshold; or None."""
    ranges = known_ranges(cells, states, plain, threshold)
    # Deepest first: a count known from what it splits into is mended there, not beside it.
    deepest_first = list(reversed(cells.items()))
    for path, cell in deepest_first:
        small = is_small(cell.count, threshold)
        if states[path] != Published.SHOWN and small and ranges[path][0] == ranges[path][1]:
            return "count", path
    for path, cell in deepest_first:
        hidden = [
            (*path, child.key)
            for child in cell.children
            if states[(*path, child.key)] != Published.SHOWN
        ]
        total = sum(cells[kid].count for kid in hidden)
        if not hidden or not total or total >= threshold:
            continue
        shown_total = sum(c.count for c in cell.children) - total
        low, high = ranges[path]
        if low == high and low - shown_total == total:
            return "group", path
    return None


def _fix(problem, cells, states, plain):
    kind, path = problem
    if kind == "count":
        cell = cells[path]
        below = _shown_children(cells, states, path)
        everything_below_shown = cell.children and len(below) == len(
            [c for c in cell.children if c.count]
        )
        if everything_below_shown and below:
            states[below[0]] = Published.HIDDEN
            return True
        group = path[:-1]
    else:
        group = path
    beside = _shown_children(cells, states, group)
    in_group = [(*group, child.key) for child in cells[group].children]
    # Once a count is hidden beside a small one, "fewer than" may be what gives them away
    # (6 split 1 and 5): reading only "hidden" there keeps the rest of the table shown.
    hidden_beside = any(states[kid] == Published.HIDDEN for kid in in_group)
    if not plain.issuperset(in_group) and (hidden_beside or not beside):
        plain.update(in_group)
    elif beside:
        states[beside[0]] = Published.HIDDEN
    elif kind == "count" and _shown_children(cells, states, path):
        states[_shown_children(cells, states, path)[0]] = Published.HIDDEN
    elif not plain.issuperset(
        below_group := [p for p in cells if p[: len(group)] == group and p != group]
    ):
        # "Fewer than" further down still pins it (1 split as 1): only "hidden" below.
        plain.update(below_group)
    elif group and states[group] == Published.SHOWN:
        states[group] = Published.HIDDEN
    elif group:
        # The count it splits from is known, and so pins this group: mend that one.
        return _fix(("count", group), cells, states, plain)
    else:
        return False
    return True


def _hide_a_cause(cells, states, ranges):
    """When nothing in or around a group helps, what pins it is a hidden count elsewhere that
    is known from what it splits into: hide the smallest of those parts (the deepest such
    count first); failing that, the smallest shown count below the top."""
    for path in reversed(cells):
        low, high = ranges[path]
        below = _shown_children(cells, states, path)
        if states[path] != Published.SHOWN and low == high and below:
            states[below[0]] = Published.HIDDEN
            return
    shown = [p for p, c in cells.items() if p and c.count and states[p] == Published.SHOWN]
    if not shown:
        raise AssertionError("every count is hidden, and one can still be worked out")
    states[min(shown, key=lambda p: cells[p].count)] = Published.HIDDEN


def _shown_children(cells, states, path):
    """The shown, non-nought counts that `path` splits into, smallest first."""
    kids = [
        ((*path, child.key), child.count)
        for child in cells[path].children
        if child.count and states[(*path, child.key)] == Published.SHOWN
    ]
    return [kid for kid, __ in sorted(kids, key=lambda kid: kid[1])]


def group_states(counts, threshold, forced=frozenset()):
    """Whether each count of one group, whose total is shown, is SHOWN, FEWER or HIDDEN.
    `forced`: indexes hidden already, for a reason outside the group."""
    fewer = {index for index, count in enumerate(counts) if is_small(count, threshold)}
    hidden = {index for index in forced if index not in fewer}
    candidates = sorted(
        (index for index, count in enumerate(counts) if count >= threshold and index not in hidden),
        key=lambda index: (counts[index], index),
    )
    while (fewer or hidden) and not _safe(counts, fewer, hidden, threshold):
        if not candidates:
            # Even hiding every count, "fewer than" says too much (6 split 1 and 5; 5 split 1,
            # 1, 1, 1 and 1): every count of the group, noughts too, reads only "hidden".
            return [Published.HIDDEN] * len(counts)
        hidden.add(candidates.pop(0))
    return [
        Published.FEWER
        if index in fewer
        else Published.HIDDEN
        if index in hidden
        else Published.SHOWN
        for index in range(len(counts))
    ]


def _safe(counts, fewer, hidden, threshold):
    """Whether the hidden counts add up to at least the threshold and each could be at least
    two values, given their sum and which read "fewer than" (1 to threshold - 1) and which
    "hidden" (threshold or more)."""
    total = sum(counts[index] for index in fewer | hidden)
    if total < threshold or len(fewer | hidden) < 2:
        # (A forced count alone, with nought beside it, is hidden but not safe: nought is
        # shown, so the group's total gives it away. Other counts are hidden with it.)
        return False
    ranges = dict.fromkeys(fewer, (1, threshold - 1))
    ranges.update({index: (0 if counts[index] == 0 else threshold, total) for index in hidden})
    for index, (low, high) in ranges.items():
        others_low = sum(other[0] for key, other in ranges.items() if key != index)
        others_high = sum(other[1] for key, other in ranges.items() if key != index)
        if min(high, total - others_low) <= max(low, total - others_high):
            return False
    return True


def publish_rows(total, rows, threshold):
    """Published trees for `total` and for each of `rows` (a dict of trees of the same shape
    whose counts add up, node by node, to the total's: applications to join by where people
    heard of the board, each split approved / joined / active).

    Each tree alone is published as `publish` does; then, at each node, the rows' counts are
    a group whose total is the total tree's count there, and are hidden as any group is, so
    that no row's count is the total less the others. A count hidden that way hides what it
    splits into, and may make its own tree hide more: both are repeated until nothing
    changes. Last, the rows are read together, every sum at once (a row's count is its
    parts, and the rows' counts are the total's): for each small count those sums pin,
    though each group alone left it open, one more count near it is hidden (or reads only
    "hidden"), and all is checked again.
    Returns (published total, {row key: published row})."""
    hide = {key: set() for key in rows}
    plain = {key: set() for key in rows}
    published_total = publish(total, threshold)
    already = {}  # a row is published again only when what it must hide has changed

    def published_row(key):
        asked = (key, frozenset(hide[key]), frozenset(plain[key]))
        if asked not in already:
            already[asked] = publish(rows[key], threshold, asked[1], asked[2])
        return already[asked]

    while True:
        published = {key: published_row(key) for key in rows}
        changed = False
        for path, total_node in _paths(published_total):
            at = {key: _at(published[key], path) for key in rows}
            if total_node.is_shown:
                counts = [_at(rows[key], path).count for key in rows]
                forced = {i for i, key in enumerate(rows) if not at[key].is_shown}
                states = dict(zip(rows, group_states(counts, threshold, forced), strict=True))
            else:  # the rows would add up to a hidden total: hide them all
                states = dict.fromkeys(rows, Published.HIDDEN)
            for key, state in states.items():
                if state != Published.SHOWN and at[key].is_shown:
                    hide[key].add(path)
                    changed = True
                # "Fewer than" on every row's count would give them away (4 and 4 of 8).
                if state == Published.HIDDEN and at[key].state == Published.FEWER:
                    plain[key].add(path)
                    changed = True
        if not changed:
            pinned, ranges, sums = _pinned_jointly(
                total, rows, published_total, published, threshold
            )
            shown = {TOTAL: published_total} | published
            for cell in pinned:
                how, key, path = _to_hide(cell, rows, shown, ranges, sums)
                more = hide if how == "hide" else plain
                changed = changed or path not in more[key]
                more[key].add(path)
        if not changed:
            return published_total, published


def publish_rows_kept(total, rows, threshold):
    """publish_rows, kept in the cache: for 200 outreach events it takes about 100 ms, and
    the counts change only when someone applies, is approved, joins or takes part. The key
    is a keyed hash of the true counts (a plain hash of a few small numbers could be
    reversed by anyone who reads the cache); the value holds only what may be shown."""
    asked = repr((threshold, total, list(rows.items())))
    key = "suppression:rows:" + salted_hmac("boardhub.core.suppression", asked).hexdigest()
    if (kept := cache.get(key)) is None:
        kept = publish_rows(total, rows, threshold)
        cache.set(key, kept, KEPT_SECONDS)
    return kept


def publish_finer(coarse, fine, threshold):
    """The Published tree of `fine`, a tree that splits counts which `coarse` (the Published
    tree of the same figures, less finely split) leaves whole, for a reader who has both:
    the ethnic groups in detail beside the five high-level groups.

    Each count `coarse` shows is split as a table of its own with that count as its known
    total. Publishing `fine` on its own could hide a high-level count the coarse table shows,
    and that count less the shown detail would give away the small ones hidden under it."""
    if coarse.children:
        children = zip(coarse.children, fine.children, strict=True)
        return replace(coarse, children=tuple(publish_finer(c, f, threshold) for c, f in children))
    if not fine.children:
        return coarse
    if coarse.is_shown:
        split = publish(fine, threshold)
        if split.is_shown:
            return replace(coarse, children=split.children)
    return replace(coarse, children=tuple(_all_hidden(child) for child in fine.children))


def _all_hidden(node):
    children = tuple(_all_hidden(child) for child in node.children)
    return Published(node.key, Published.HIDDEN, None, None, children)


def publish_running_totals(total, parts, threshold):
    """Published trees for the running totals of `parts`: trees of the same shape, in order,
    that add up node by node to `total` (the board now, split by the quarter each member
    joined in). Returns (published total, [the first part, the first two, ... published]).

    One running total less another is the parts between them, so the parts are published
    as rows of the total (`publish_rows`), and a running total's count is shown only where
    every part it adds up is: whatever a reader subtracts, they get what the rows show. It
    reads "fewer than" only where it is a single such part and the rest are shown as nought,
    and "hidden" otherwise."""
    published_total, rows = publish_rows(total, dict(enumerate(parts)), threshold)
    published = [rows[index] for index in range(len(parts))]
    running = [_sum_of(parts[: end + 1], published[: end + 1], None) for end in range(len(parts))]
    return published_total, running


def _sum_of(trees, published, group_count):
    """The Published tree of the sum of `trees`, from what is shown of each (`published`);
    `group_count` is the shown count of the group it is in, for its share."""
    count = sum(tree.count for tree in trees)
    unshown = [part for part in published if not part.is_shown]
    if not unshown:
        state = Published.SHOWN
    elif (
        len(unshown) == 1
        and unshown[0].state == Published.FEWER
        and all(part.count == 0 for part in published if part.is_shown)
    ):
        state = Published.FEWER
    else:
        state = Published.HIDDEN
    shown = state == Published.SHOWN
    share = count / group_count if shown and group_count else None
    children = tuple(
        _sum_of(
            [tree.children[index] for tree in trees],
            [part.children[index] for part in published],
            count if shown else None,
        )
        for index in range(len(trees[0].children))
    )
    return Published(trees[0].key, state, count if shown else None, share, children)


TOTAL = object()  # the total's cells, beside the rows' in _pinned_jointly


def _pinned_jointly(total, rows, published_total, published, threshold):
    """What a reader can work out from every row and the total together: [(row key, path)]
    of the small counts hidden in the rows (TOTAL, path: in the total) that only one value
    fits, with what reading them that way knows ({(key, path): (lowest, highest)}) and the
    sums it reads them by ([((key, path), [(key, path) adding up to it])])."""
    trees = {TOTAL: (total, published_total)} | {key: (rows[key], published[key]) for key in rows}
    ranges, sums = {}, []
    for key, (tree, shown) in trees.items():
        for path, node in _paths(tree):
            ranges[key, path] = _reader_range(node, _at(shown, path), shown, path, threshold)
            if node.children:
                sums.append(((key, path), [(key, (*path, child.key)) for child in node.children]))
    for path, __ in _paths(total):
        sums.append(((TOTAL, path), [(key, path) for key in rows]))
    _propagate(ranges, sums)
    pinned = [
        (key, path)
        for key, (tree, shown) in trees.items()
        for path, node in _paths(tree)
        if not _at(shown, path).is_shown
        and is_small(node.count, threshold)
        and ranges[key, path][0] >= ranges[key, path][1]
    ]
    return pinned, ranges, sums


def _reader_range(node, published, tree, path, threshold):
    """What a reader knows of one count from its label alone. A count hidden beside one
    that reads "fewer than" is the threshold or more; the truth bounds it, so that what a
    reader is told can never contradict itself."""
    if published.is_shown:
        return (node.count, node.count)
    if published.state == Published.FEWER:
        return (1, threshold - 1)
    siblings = _at(tree, path[:-1]).children if path else ()
    beside_fewer = any(sibling.state == Published.FEWER for sibling in siblings)
    return (threshold if beside_fewer and node.count >= threshold else 0, BIG)


def _to_hide(pinned, rows, published, ranges, sums):
    """("hide" or "plain", row key, path): what to hide for a small count pinned jointly;
    `published` holds the total's published tree under TOTAL beside the rows'.

    What pins it is a chain of sums through hidden counts that are pinned too (8 and 7
    hidden in one column, each as large as its own row allows). In the rows' counts of
    those sums: the smallest shown count that is not nought is hidden; failing that, one
    that reads "fewer than" reads only "hidden"; failing that, a nought is hidden; failing
    all of those, the same anywhere in the rows. The total is published as it is on its
    own, so only the rows' counts change."""
    chain, frontier, near = {pinned}, [pinned], set()
    while frontier:
        cell = frontier.pop()
        for whole, kids in sums:
            cells = [whole, *kids]
            if cell not in cells:
                continue
            for other in cells:
                if other[0] is not TOTAL:
                    near.add(other)
                low, high = ranges[other]
                shown = _at(published[other[0]], other[1]).is_shown
                if not shown and low >= high and other not in chain:
                    chain.add(other)
                    frontier.append(other)
    everywhere = {(key, path) for key in rows for path, __ in _paths(rows[key])}
    for cells in (near, everywhere):
        if found := _what_to_hide(cells, rows, published):
            return found
    raise AssertionError("every count is hidden, and one can still be worked out")


def _what_to_hide(cells, rows, published):
    def count(cell):
        return _at(rows[cell[0]], cell[1]).count

    def state(cell):
        return _at(published[cell[0]], cell[1]).state

    ordered = sorted(cells, key=lambda cell: (count(cell), str(cell)))
    for cell in ordered:
        if count(cell) and state(cell) == Published.SHOWN:
            return ("hide", *cell)
    for cell in ordered:
        if state(cell) == Published.FEWER:
            return ("plain", *cell)
    for cell in ordered:
        if state(cell) == Published.SHOWN:
            return ("hide", *cell)
    return None


def _paths(node, path=()):
    yield path, node
    for child in node.children:
        yield from _paths(child, (*path, child.key))


def _at(node, path):
    for key in path:
        node = node.child(key)
    return node
