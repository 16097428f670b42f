package tui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
)

// Remappable keys: every binding of the key map has an action name, its
// group and field in snake case ("tree.add_child", "global.tabs_1"); a
// configuration gives an action one or more keys, or none to unbind it.

// Action is one binding of the key map, by name.
type Action struct {
	Name    string
	Binding *key.Binding
}

// Actions lists every binding by name, in the key map's order.
func (k *KeyMap) Actions() []Action {
	var out []Action
	v := reflect.ValueOf(k).Elem()
	for i := range v.NumField() {
		group := snake(v.Type().Field(i).Name)
		g := v.Field(i)
		for j := range g.NumField() {
			f, name := g.Field(j), group+"."+snake(g.Type().Field(j).Name)
			switch b := f.Addr().Interface().(type) {
			case *key.Binding:
				out = append(out, Action{name, b})
			default:
				if f.Kind() == reflect.Array {
					for n := range f.Len() {
						if b, ok := f.Index(n).Addr().Interface().(*key.Binding); ok {
							out = append(out, Action{fmt.Sprintf("%s_%d", name, n+1), b})
						}
					}
				}
			}
		}
	}
	return out
}

func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// namedKeys are the key names a configuration may use besides single
// characters, as Bubble Tea spells them.
var namedKeys = []string{"enter", "esc", "tab", "space", "backspace", "delete", "insert", "up", "down", "left", "right",
	"home", "end", "pgup", "pgdown", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12"}

// ValidKey reports whether s names a key: one character, a named key, or
// either with ctrl+, alt+ or shift+ in front.
func ValidKey(s string) bool {
	for _, mod := range []string{"ctrl+", "alt+", "shift+"} {
		s = strings.TrimPrefix(s, mod)
	}
	return len([]rune(s)) == 1 && !unicode.IsSpace([]rune(s)[0]) || slices.Contains(namedKeys, s)
}

// Remap gives actions their configured keys and returns what it could
// not do, one line each; the rest of the map stays as it was.
func (k *KeyMap) Remap(keys map[string][]string) []string {
	byName := map[string]*key.Binding{}
	for _, a := range k.Actions() {
		byName[a.Name] = a.Binding
	}
	var probs []string
	names := make([]string, 0, len(keys))
	for n := range keys {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		b := byName[n]
		if b == nil {
			probs = append(probs, fmt.Sprintf("no action %q (orgplan config keys lists them)", n))
			continue
		}
		ks := keys[n]
		if bad := slices.IndexFunc(ks, func(s string) bool { return !ValidKey(s) }); bad >= 0 {
			probs = append(probs, fmt.Sprintf("%s: %q is not a key", n, ks[bad]))
			continue
		}
		desc := b.Help().Desc
		*b = key.NewBinding(key.WithKeys(ks...), key.WithHelp(strings.Join(ks, "/"), desc))
		if len(ks) == 0 {
			b.SetEnabled(false)
		}
	}
	return append(probs, k.Conflicts()...)
}

// Conflicts lists keys two actions of one screen share: within a group,
// and between the global keys and those of a pane (global ones are read
// first, so the pane's would never work).
func (k *KeyMap) Conflicts() []string {
	var probs []string
	seen := map[string]map[string]string{} // group → key → action
	global := map[string]string{}
	for _, a := range k.Actions() {
		if !a.Binding.Enabled() {
			continue
		}
		group := a.Name[:strings.IndexByte(a.Name, '.')]
		if seen[group] == nil {
			seen[group] = map[string]string{}
		}
		for _, key := range a.Binding.Keys() {
			if other, ok := seen[group][key]; ok && other != a.Name && !sharedOnPurpose(other, a.Name) {
				probs = append(probs, fmt.Sprintf("%q is both %s and %s", key, other, a.Name))
			}
			seen[group][key] = a.Name
			if group == "global" {
				global[key] = a.Name
			} else if g, ok := global[key]; ok && (group == "tree" || group == "posts" || group == "side") && !sharedOnPurpose(g, a.Name) {
				probs = append(probs, fmt.Sprintf("%q is both %s and %s", key, g, a.Name))
			}
		}
	}
	return probs
}

// sharedOnPurpose are default pairs that share a key on purpose: the
// questions' answers (one question shows at a time), the tabs' summary
// binding, and / which filters the Checks tab where it would search.
func sharedOnPurpose(a, b string) bool {
	pair := a + " " + b
	return strings.HasPrefix(a, "dialog.") && strings.HasPrefix(b, "dialog.") || a == "global.tab_keys" || b == "global.tab_keys" ||
		pair == "global.search side.filter" || pair == "side.filter global.search"
}
