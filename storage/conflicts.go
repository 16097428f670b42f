package storage

import (
	"maps"
	"slices"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/orgplan/orgplan/model"
)

// FileConflict is one entry of "conflicts": what a merge left for
// someone to decide, with the three versions.
type FileConflict struct {
	Kind   string   `json:"kind"`
	Record string   `json:"record"`
	ID     string   `json:"id"`
	Field  string   `json:"field,omitempty"`
	Path   string   `json:"path,omitempty"`
	Base   FileSide `json:"base"`
	Ours   FileSide `json:"ours"`
	Theirs FileSide `json:"theirs"`
}

// FileSide is one version in a conflict: a field's value (text or list),
// a whole record, or absent.
type FileSide struct {
	Absent bool       `json:"absent,omitzero"`
	Text   string     `json:"text,omitempty"`
	List   []string   `json:"list,omitempty"`
	Record FileRecord `json:"record,omitempty"`
}

// FileRecord is a whole record in a conflict, field by field, written
// with its fields in name order so that a save is the same every time.
type FileRecord map[string]FileValue

// MarshalJSONTo implements json.MarshalerTo.
func (r FileRecord) MarshalJSONTo(enc *jsontext.Encoder) error {
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(r)) {
		if err := enc.WriteToken(jsontext.String(k)); err != nil {
			return err
		}
		if err := json.MarshalEncode(enc, r[k]); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndObject)
}

// FileValue is a field's value inside a record in a conflict.
type FileValue struct {
	Text string   `json:"text,omitempty"`
	List []string `json:"list,omitempty"`
}

func conflictsFromModel(cs []model.Conflict) []FileConflict {
	if len(cs) == 0 {
		return nil
	}
	out := make([]FileConflict, len(cs))
	for i, c := range cs {
		side := func(s model.Side) FileSide {
			f := FileSide{Absent: s.Absent, Text: s.Value.Text, List: s.Value.List}
			if s.Record != nil {
				f.Record = FileRecord{}
				for j, spec := range model.Fields[c.Key.Kind] {
					if v := s.Record[j]; j < len(s.Record) && (v.Text != "" || len(v.List) > 0) {
						f.Record[spec.Name] = FileValue{Text: v.Text, List: v.List}
					}
				}
			}
			return f
		}
		out[i] = FileConflict{Kind: c.Kind, Record: string(c.Key.Kind), ID: c.Key.ID, Field: c.Field, Path: c.Path,
			Base: side(c.Base), Ours: side(c.Ours), Theirs: side(c.Theirs)}
	}
	return out
}

func conflictsToModel(fs []FileConflict) []model.Conflict {
	if len(fs) == 0 {
		return nil
	}
	out := make([]model.Conflict, len(fs))
	for i, f := range fs {
		c := &out[i]
		*c = model.Conflict{Kind: f.Kind, Key: model.RecordKey{Kind: model.RecordKind(f.Record), ID: f.ID}, Field: f.Field, Path: f.Path}
		side := func(fs FileSide, name string) model.Side {
			s := model.Side{Absent: fs.Absent, Value: model.Value{Text: fs.Text, List: fs.List}}
			if f.Field == "" && !fs.Absent {
				specs := model.Fields[c.Key.Kind]
				s.Record = make(model.Record, len(specs))
				for k, v := range fs.Record {
					j := slices.IndexFunc(specs, func(spec model.FieldSpec) bool { return spec.Name == k })
					if j < 0 {
						c.Unknown = append(c.Unknown, name+"/record/"+k)
						continue
					}
					s.Record[j] = model.Value{Text: v.Text, List: v.List}
				}
			}
			return s
		}
		c.Base, c.Ours, c.Theirs = side(f.Base, "base"), side(f.Ours, "ours"), side(f.Theirs, "theirs")
	}
	return out
}
