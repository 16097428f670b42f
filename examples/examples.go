// Package examples holds the bundled organizations, embedded in the binary.
package examples

import (
	"embed"
	"sort"
	"strings"
)

//go:embed *.json
var files embed.FS

// Default is the example the editor opens when no file is named.
const Default = "st-petersburg-1902"

// Names lists the bundled examples, without the .json suffix, sorted.
func Names() []string {
	entries, _ := files.ReadDir(".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(names)
	return names
}

// Get returns an example's file contents; name may carry the .json suffix.
func Get(name string) ([]byte, bool) {
	b, err := files.ReadFile(strings.TrimSuffix(name, ".json") + ".json")
	return b, err == nil
}

// FileName is the name an example has on disk.
func FileName(name string) string { return strings.TrimSuffix(name, ".json") + ".json" }
