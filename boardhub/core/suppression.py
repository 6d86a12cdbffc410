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

Shares are of the group a count belongs to, and only where both are shown. The rule does not
know what the figures are about: one tree per table, chart or export, each published through
here.
"""

from dataclasses import dataclass, field


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
    changed = True
    while changed:
        changed = False
        for path, cell in cells.items():
            if not cell.children:
                continue
            kids = [(*path, child.key) for child in cell.children]
            low, high = ranges[path]
            kids_low = sum(ranges[kid][0] for kid in kids)
            kids_high = sum(ranges[kid][1] for kid in kids)
            new = (max(low, kids_low), min(high, kids_high))
            if new != ranges[path]:
                ranges[path], changed = new, True
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
    changes. Returns (published total, {row key: published row})."""
    hide = {key: set() for key in rows}
    plain = {key: set() for key in rows}
    published_total = publish(total, threshold)
    while True:
        published = {
            key: publish(tree, threshold, frozenset(hide[key]), frozenset(plain[key]))
            for key, tree in rows.items()
        }
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
            return published_total, published


def _paths(node, path=()):
    yield path, node
    for child in node.children:
        yield from _paths(child, (*path, child.key))


def _at(node, path):
    for key in path:
        node = node.child(key)
    return node
