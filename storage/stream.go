package storage

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/orgplan/orgplan/model"
)

// Source gives a plan a piece at a time, so that it can be written
// without ever being held whole: its head (name, asOf and catalogues; no
// members, units, conflicts or team), each member, and each unit with
// the indexes of the units under it.
type Source interface {
	Head() *model.Org
	Members() int
	Member(i int) *model.Member
	Roots() []int
	Unit(i int) (u *model.Unit, under []int)
}

// WriteSource writes a plan from a Source in the canonical form, byte for
// byte what Write gives for the same plan built whole. It holds one
// unit per level of the tree.
func WriteSource(w io.Writer, s Source) error {
	head := fromModel(s.Head())
	if len(head.Members) > 0 || len(head.Units) > 0 || len(head.Conflicts) > 0 || len(head.Team) > 0 || head.ViewFor != "" {
		return errors.New("a streamed plan's head has members, units or fields written after them")
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := jsontext.NewEncoder(bw, jsontext.WithIndent("  "))
	if err := openObject(enc, head); err != nil {
		return err
	}
	if n := s.Members(); n > 0 {
		if err := writeTokens(enc, jsontext.String("members"), jsontext.BeginArray); err != nil {
			return err
		}
		for i := range n {
			if err := json.MarshalEncode(enc, memberFromModel(s.Member(i))); err != nil {
				return err
			}
		}
		if err := enc.WriteToken(jsontext.EndArray); err != nil {
			return err
		}
	}
	if roots := s.Roots(); len(roots) > 0 {
		if err := writeUnits(enc, s, roots); err != nil {
			return err
		}
	}
	if err := enc.WriteToken(jsontext.EndObject); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	return nil
}

// writeUnits writes "units": [...], each unit's own fields, then those
// under it, depth first.
func writeUnits(enc *jsontext.Encoder, s Source, is []int) error {
	if err := writeTokens(enc, jsontext.String("units"), jsontext.BeginArray); err != nil {
		return err
	}
	for _, i := range is {
		u, under := s.Unit(i)
		rec := unitFromModel(u)
		if len(under) == 0 {
			if err := json.MarshalEncode(enc, rec); err != nil {
				return err
			}
			continue
		}
		// "units" is a unit's last member: its other members, then them.
		if err := openObject(enc, rec); err != nil {
			return err
		}
		if err := writeUnits(enc, s, under); err != nil {
			return err
		}
		if err := enc.WriteToken(jsontext.EndObject); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndArray)
}

// openObject writes v, an object, all but its closing brace.
func openObject(enc *jsontext.Encoder, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	dec := jsontext.NewDecoder(bytes.NewReader(b))
	var prev jsontext.Token
	for first := true; ; first = false {
		tok, err := dec.ReadToken()
		if err == io.EOF {
			return nil // prev was the closing brace
		}
		if err != nil {
			return err
		}
		if !first {
			if err := enc.WriteToken(prev); err != nil {
				return err
			}
		}
		prev = tok.Clone()
	}
}

func writeTokens(enc *jsontext.Encoder, toks ...jsontext.Token) error {
	for _, t := range toks {
		if err := enc.WriteToken(t); err != nil {
			return err
		}
	}
	return nil
}
