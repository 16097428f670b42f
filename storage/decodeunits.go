package storage

import (
	"errors"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/orgplan/orgplan/model"
)

// unitDecoder makes the plan's units while the decoder reads them, each
// from a file unit used again for the next: the file's tree of units is
// never held beside the plan's. At a million units, holding it and then
// reading it all back from memory to convert it took the load's peak to
// 2.16 GB, against 1.80, and 2 s more.
type unitDecoder struct {
	last  []*model.Unit  // the list of units read last
	units int64          // how many were made
	spare [][]model.Unit // per depth, the units of the list being read
	depth int
}

// decodeOption has the decoder hand every list of units to b.
func (b *unitDecoder) decodeOption() json.Options {
	return json.WithUnmarshalers(json.UnmarshalFromFunc(b.list))
}

// list reads one list of units and leaves it, made, in b.last; the file
// structs get nothing. A list that is not an array is left to the
// decoder, which says what is wrong.
func (b *unitDecoder) list(dec *jsontext.Decoder, out *[]FileUnit) error {
	if dec.PeekKind() != '[' {
		return errors.ErrUnsupported
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	if b.depth == len(b.spare) {
		b.spare = append(b.spare, nil)
	}
	d := b.depth
	b.depth++
	defer func() { b.depth-- }()
	us := b.spare[d][:0]
	var f FileUnit
	for dec.PeekKind() != ']' {
		// The decoder keeps what an object does not name: start each
		// unit empty, keeping only the posts' room.
		f = FileUnit{Posts: f.Posts[:0]}
		b.last = nil
		if err := json.UnmarshalDecode(dec, &f); err != nil {
			return err
		}
		u := unitToModel(&f)
		u.Units = b.last
		us = append(us, u)
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	b.spare[d] = us[:0]
	b.units += int64(len(us))
	b.last = nil
	if len(us) > 0 {
		b.last = pointers(append([]model.Unit(nil), us...))
	}
	*out = nil
	return nil
}
