package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/storage/visible"
	"github.com/orgplan/orgplan/tui"
)

// The configuration file: $XDG_CONFIG_HOME/orgplan/config.toml
// (~/.config/orgplan/config.toml when unset, macOS included, as Unix
// tools do), read with a TOML library:
//
//	theme = "auto"   # auto, dark, light or mono
//	mouse = true
//	[keys]
//	"tree.add_child" = ["n"]   # orgplan config keys lists the actions
//	"tree.paste" = []          # unbound

type fileConfig struct {
	Theme string              `toml:"theme"`
	Mouse *bool               `toml:"mouse"`
	ASCII bool                `toml:"ascii"`
	Keys  map[string][]string `toml:"keys"`
}

func configFile() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "orgplan", "config.toml"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".config", "orgplan", "config.toml"), nil
}

// readConfig reads a configuration file: what it sets, and its problems,
// each "FILE:LINE: what" (a file that does not exist has none).
func readConfig(path string) (tui.Config, []string) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return tui.Config{}, nil
	}
	shown := visible.String(path)
	if err != nil {
		return tui.Config{}, []string{shown + ": " + visible.String(err.Error())}
	}
	var fc fileConfig
	md, err := toml.Decode(string(data), &fc)
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return tui.Config{}, []string{fmt.Sprintf("%s:%d: %s", shown, pe.Position.Line, visible.String(pe.Message))}
	}
	if err != nil {
		return tui.Config{}, []string{shown + ": " + visible.String(err.Error())}
	}
	lineOf := func(name string) int {
		re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(name) + `"?\s*=`)
		for i, l := range strings.Split(string(data), "\n") {
			if re.MatchString(l) {
				return i + 1
			}
		}
		return 1
	}
	var probs []string
	for _, k := range md.Undecoded() {
		probs = append(probs, fmt.Sprintf("%s:%d: unknown setting %s", shown, lineOf(k[len(k)-1]), visible.Quote(k.String())))
	}
	if fc.Theme != "" && !slices.Contains(tui.Themes, fc.Theme) {
		probs = append(probs, fmt.Sprintf("%s:%d: theme %s is not one of %s", shown, lineOf("theme"), visible.Quote(fc.Theme), strings.Join(tui.Themes, ", ")))
	}
	km := tui.DefaultKeyMap()
	for _, p := range km.Remap(fc.Keys) {
		at := 1
		for n := range fc.Keys {
			if strings.Contains(p, n) {
				at = lineOf(n)
			}
		}
		probs = append(probs, fmt.Sprintf("%s:%d: %s", shown, at, visible.String(p)))
	}
	c := tui.Config{Keys: fc.Keys, Theme: fc.Theme, NoMouse: fc.Mouse != nil && !*fc.Mouse, ASCII: fc.ASCII}
	return c, probs
}

// editorConfig is the configuration the editor opens with: the file's,
// or the defaults and the reason when the file has problems.
func editorConfig() tui.Config {
	path, err := configFile()
	if err != nil {
		return tui.Config{}
	}
	c, probs := readConfig(path)
	if len(probs) > 0 {
		return tui.Config{Problem: probs[0] + "; opened with the defaults (orgplan config check)"}
	}
	return c
}

func newConfigCmd(e *env) *cobra.Command {
	cfg := &cobra.Command{Use: "config", Short: "The editor's configuration file: keys, theme, mouse"}
	check := &cobra.Command{
		Use:   "check [FILE]",
		Short: "Report unknown settings and actions, bad keys and conflicts, with line numbers",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := configFile()
			if len(args) == 1 {
				path, err = args[0], nil
			}
			if err != nil {
				return fail("%v", err)
			}
			if _, err := os.Stat(path); err != nil {
				fmt.Fprintf(e.stdout, "%s: no configuration; the defaults apply\n", visible.String(path))
				return nil
			}
			if _, probs := readConfig(path); len(probs) > 0 {
				return &exitError{code: exitUsage, err: errors.New(strings.Join(probs, "\norgplan: "))}
			}
			fmt.Fprintf(e.stdout, "%s: fine\n", visible.String(path))
			return nil
		},
	}
	keys := &cobra.Command{
		Use:   "keys",
		Short: "Print every action with its keys, as the configuration leaves them",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			km := tui.DefaultKeyMap()
			if path, err := configFile(); err == nil {
				if c, probs := readConfig(path); len(probs) == 0 {
					km.Remap(c.Keys)
				}
			}
			for _, a := range km.Actions() {
				ks := strings.Join(a.Binding.Keys(), " ")
				if !a.Binding.Enabled() || ks == "" {
					ks = "(unbound)"
				}
				fmt.Fprintf(e.stdout, "%-28s %-18s %s\n", a.Name, ks, a.Binding.Help().Desc)
			}
			return nil
		},
	}
	cfg.AddCommand(check, keys)
	return cfg
}
