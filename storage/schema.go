package storage

import (
	"bytes"
	_ "embed"
	"errors"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/orgplan/orgplan/model"
)

// Schema is the JSON Schema of orgplan/1, as published with the project.
//
//go:embed orgplan-1.schema.json
var Schema []byte

const schemaURL = "https://orgplan.invalid/schema/orgplan-1.schema.json"

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(schemaURL)
})

// ValidateSchema checks a document against the JSON Schema and returns each
// violation with its path. Loading does not need it (the typed decoder is
// as strict); it explains, all at once, why a file failed to decode.
func ValidateSchema(data []byte) ([]model.Problem, error) {
	sch, err := compiled()
	if err != nil {
		return nil, err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	err = sch.Validate(inst)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	p := message.NewPrinter(language.English)
	var out []model.Problem
	seen := map[model.Problem]bool{}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		ptr := pointer(e.InstanceLocation)
		var probs []model.Problem
		switch k := e.ErrorKind.(type) {
		case *kind.AdditionalProperties:
			for _, name := range k.Properties {
				probs = append(probs, model.Problem{Path: ptr + "/" + escape(name), Msg: "unknown field " + strconvQuote(name)})
			}
		case *kind.Type:
			probs = append(probs, model.Problem{Path: ptr, Msg: "wrong type: got " + k.Got + ", want " + strings.Join(k.Want, " or ")})
		default:
			probs = append(probs, model.Problem{Path: ptr, Msg: e.ErrorKind.LocalizedString(p)})
		}
		for _, pr := range probs {
			if !seen[pr] {
				seen[pr] = true
				out = append(out, pr)
			}
		}
	}
	walk(ve)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func schemaProblems(data []byte) []model.Problem {
	probs, err := ValidateSchema(data)
	if err != nil {
		return nil
	}
	return probs
}

func pointer(loc []string) string {
	var b strings.Builder
	for _, s := range loc {
		b.WriteByte('/')
		b.WriteString(escape(s))
	}
	return b.String()
}

// escape applies RFC 6901 escaping to one reference token.
func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func strconvQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
