package model

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Ops are data: MarshalOp writes one as JSON and UnmarshalOp reads it
// back, so that a log of the ops applied since a plan was saved replays
// to the same plan (a recovery journal). An op is written as its type's
// name and its fields; Batch writes the ops it holds. An op that holds a
// whole plan (undoing a conflict's resolution) is not data: MarshalOp
// says ErrNotData, and the log writes the plan instead.

// ErrNotData says an op cannot be written as data.
var ErrNotData = errors.New("op is not data")

// opTypes are the ops that can be written, by name: every Op but swapPlan.
var opTypes = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, op := range []Op{
		SetInfo{}, AddFunction{}, removeFunction{}, AddKind{}, removeKind{}, EditFunction{}, EditKind{},
		DeleteFunction{}, setFunction{}, clearFunction{}, DeleteKind{}, AddMember{}, EditMember{},
		DeleteMember{}, AddPost{}, DeletePost{}, EditPost{}, MovePost{}, SetPeople{}, AddUnit{},
		DeleteUnit{}, RenameUnit{}, SetDetails{}, MoveUnit{}, Resolve{},
	} {
		t := reflect.TypeOf(op)
		m[t.Name()] = t
	}
	return m
}()

// opData is an op as written: its type and its fields.
type opData struct {
	T  string         `json:"t"`
	Op jsontext.Value `json:"op,omitzero"`
	// Ops are a Batch's.
	Ops  []jsontext.Value `json:"ops,omitzero"`
	Name string           `json:"name,omitzero"`
}

// The journal keeps what a user typed, as the plan's file does.
var dataOptions = json.JoinOptions(jsontext.AllowInvalidUTF8(true), json.Deterministic(true))

// MarshalOp writes op as JSON on one line.
func MarshalOp(op Op) ([]byte, error) {
	d, err := toData(op)
	if err != nil {
		return nil, err
	}
	return json.Marshal(d, dataOptions)
}

func toData(op Op) (opData, error) {
	if b, ok := op.(Batch); ok {
		d := opData{T: "Batch", Name: b.Name}
		for _, x := range b.Ops {
			xd, err := toData(x)
			if err != nil {
				return opData{}, err
			}
			raw, err := json.Marshal(xd, dataOptions)
			if err != nil {
				return opData{}, err
			}
			d.Ops = append(d.Ops, raw)
		}
		return d, nil
	}
	t := reflect.TypeOf(op)
	if t == nil || opTypes[t.Name()] != t {
		return opData{}, fmt.Errorf("%w: %T", ErrNotData, op)
	}
	raw, err := json.Marshal(op, dataOptions)
	if err != nil {
		return opData{}, err
	}
	return opData{T: t.Name(), Op: raw}, nil
}

// UnmarshalOp reads an op MarshalOp wrote.
func UnmarshalOp(b []byte) (Op, error) {
	var d opData
	if err := json.Unmarshal(b, &d, dataOptions); err != nil {
		return nil, err
	}
	return fromData(d, 0)
}

// maxBatchDepth bounds a hostile log's nesting: the editor's batches nest
// two deep.
const maxBatchDepth = 8

func fromData(d opData, depth int) (Op, error) {
	if d.T == "Batch" {
		if depth >= maxBatchDepth {
			return nil, errors.New("batches nest too deep")
		}
		b := Batch{Name: d.Name}
		for _, raw := range d.Ops {
			var xd opData
			if err := json.Unmarshal(raw, &xd, dataOptions); err != nil {
				return nil, err
			}
			x, err := fromData(xd, depth+1)
			if err != nil {
				return nil, err
			}
			b.Ops = append(b.Ops, x)
		}
		return b, nil
	}
	t, ok := opTypes[d.T]
	if !ok {
		return nil, fmt.Errorf("no op %q", d.T)
	}
	v := reflect.New(t)
	if err := json.Unmarshal(d.Op, v.Interface(), dataOptions); err != nil {
		return nil, fmt.Errorf("op %s: %w", d.T, err)
	}
	return v.Elem().Interface().(Op), nil
}
