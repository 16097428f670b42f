package model

import "iter"

// byID indexes units, posts or members by id. The ids orgplan makes are
// a letter and a number ("u12", see NewID): those sit in a slice at
// their number, the others in a map. At a million units, hashing the
// ids was most of indexing a plan and three cache misses a lookup; a
// slot is one, and takes a third of a map entry's room.
type byID[T any] struct {
	prefix byte
	num    []*T          // num[n] has the id prefix+n, written without leading zeros
	other  map[string]*T // every other id
	n      int           // how many there are
	// hint is how many there will be, when known: a plan's ids need not
	// come in the order of their numbers (a generator may number a level
	// at a time), and each must find its slot all the same.
	hint int
}

func newByID[T any](prefix byte, size int) byID[T] {
	return byID[T]{prefix: prefix, num: make([]*T, 0, size), other: map[string]*T{}, hint: size}
}

// maxSpare bounds the empty slots: an id's number past twice the items
// (or the hint) and this goes in the map, so that a hostile "u999999999"
// costs one entry, not a gigabyte of slots.
const maxSpare = 1 << 16

// slot is where id's number puts it in num, or -1 when it goes in the
// map (not prefix and digits as NewID writes them, or a number too big
// to be worth a slot).
func (x *byID[T]) slot(id string, growing bool) int {
	if len(id) < 2 || len(id) > 11 || id[0] != x.prefix || (id[1] == '0' && len(id) > 2) {
		return -1
	}
	n := 0
	for i := 1; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	if n < len(x.num) || (growing && n < 2*max(x.n, x.hint)+maxSpare) {
		return n
	}
	return -1
}

func (x *byID[T]) get(id string) *T {
	if i := x.slot(id, false); i >= 0 {
		if v := x.num[i]; v != nil || len(x.other) == 0 {
			return v
		}
	}
	return x.other[id]
}

// put indexes v at id and reports whether id was new; an id already
// there keeps its first item (the document is refused anyway).
func (x *byID[T]) put(id string, v *T) bool {
	if x.get(id) != nil {
		return false
	}
	if i := x.slot(id, true); i >= 0 {
		if i >= len(x.num) {
			x.num = append(x.num, make([]*T, i+1-len(x.num))...)
		}
		x.num[i] = v
	} else {
		x.other[id] = v
	}
	x.n++
	return true
}

func (x *byID[T]) del(id string) {
	if x.get(id) == nil {
		return
	}
	if i := x.slot(id, false); i >= 0 && x.num[i] != nil {
		x.num[i] = nil
	} else {
		delete(x.other, id)
	}
	x.n--
}

func (x *byID[T]) len() int { return x.n }

// all yields every item, in no particular order.
func (x *byID[T]) all() iter.Seq[*T] {
	return func(yield func(*T) bool) {
		for _, v := range x.num {
			if v != nil && !yield(v) {
				return
			}
		}
		for _, v := range x.other {
			if !yield(v) {
				return
			}
		}
	}
}
