package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/visible"
)

// Git is the team's distributed engine; orgplan only tells it how to
// compare and merge plans. The attributes travel with the repository,
// the drivers live in each clone's own config: a clone with the first but
// not the second merges plans as text, silently, which 'git check' says.

// defaultPatterns are the files the attributes name when none are given.
var defaultPatterns = []string{"*.json", "*.age"}

// gitRun runs git in dir and returns its trimmed output.
func gitRun(dir string, args ...string) (string, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return "", fmt.Errorf("git is not on PATH: orgplan shares plans through git, install it first")
	}
	c := exec.Command(git, args...)
	c.Dir = dir
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git %s: %s", args[0], msg)
	}
	return strings.TrimSpace(out.String()), nil
}

// repoTop is the top of the repository around dir.
func repoTop(dir string) (string, error) {
	top, err := gitRun(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("not in a git repository (%v)", err)
	}
	return top, nil
}

// driverCommand is how git should call orgplan: by name when the orgplan
// on PATH is this one, else by this program's absolute path.
func driverCommand() string {
	self, err := os.Executable()
	if err != nil {
		return "orgplan"
	}
	self, _ = filepath.EvalSymlinks(self)
	if onPath, err := exec.LookPath("orgplan"); err == nil {
		if p, _ := filepath.EvalSymlinks(onPath); p == self {
			return "orgplan"
		}
	}
	return shellQuote(self)
}

// shellQuote quotes a path for the shell git runs drivers with.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// attrLine is the .gitattributes line for one pattern.
func attrLine(pattern string) string { return pattern + " merge=orgplan diff=orgplan" }

func newGitCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "git (setup | check)",
		Short: "Share plans through git: semantic diff and merge drivers",
		Long: `'orgplan git setup' makes git compare and merge plans with orgplan: it
adds to the repository's .gitattributes a line for each pattern (*.json and
*.age unless --pattern is given) naming the orgplan drivers, and sets the
drivers in this clone's git config (merge.orgplan.driver,
diff.orgplan.command). It may be run again: nothing is added twice.

The attributes are committed and travel with the repository; the drivers
are not (git never runs a program a repository names). A clone that has
the attributes but not the drivers merges plans as text, without a word:
'orgplan git check' says so, and 'orgplan git setup' in that clone fixes
it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return fail("say 'orgplan git setup' or 'orgplan git check'")
		},
	}
	var patterns []string
	var command string
	setup := &cobra.Command{
		Use:   "setup [--pattern GLOB]... [--command PROGRAM]",
		Short: "Write the attributes and set the drivers in this clone",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			top, err := repoTop(".")
			if err != nil {
				return fail("%v", err)
			}
			if len(patterns) == 0 {
				patterns = defaultPatterns
			}
			added, err := addAttributes(filepath.Join(top, ".gitattributes"), patterns)
			if err != nil {
				return fail("%v", err)
			}
			if command == "" {
				command = driverCommand()
			}
			for _, kv := range [][2]string{
				{"merge.orgplan.name", "orgplan: merge plans by id, field by field"},
				{"merge.orgplan.driver", command + " merge --git %P %O %A %B"},
				{"diff.orgplan.command", command + " diff --git"},
			} {
				if _, err := gitRun(top, "config", "--local", kv[0], kv[1]); err != nil {
					return fail("%v", err)
				}
			}
			for _, l := range added {
				fmt.Fprintf(e.stdout, ".gitattributes: added %s\n", visible.String(l))
			}
			fmt.Fprintf(e.stdout, "drivers set in this clone's config, calling %s\n", visible.String(command))
			if len(added) > 0 {
				fmt.Fprintln(e.stdout, "commit .gitattributes so that every clone knows its plans; each clone runs 'orgplan git setup' once")
			}
			return nil
		},
	}
	setup.Flags().StringArrayVar(&patterns, "pattern", nil, "a file pattern for plans (repeatable; default *.json and *.age)")
	setup.Flags().StringVar(&command, "command", "", "the program git should run (default: this orgplan)")
	check := &cobra.Command{
		Use:   "check",
		Short: "Say whether this clone merges plans with orgplan or, silently, as text",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			top, err := repoTop(".")
			if err != nil {
				return fail("%v", err)
			}
			problems := gitProblems(top)
			for _, p := range problems {
				fmt.Fprintln(e.stdout, p)
			}
			if len(problems) > 0 {
				return &exitError{code: exitFindings}
			}
			fmt.Fprintln(e.stdout, "plans in this clone are compared and merged by orgplan")
			return nil
		},
	}
	cmd.AddCommand(setup, check)
	return cmd
}

// addAttributes adds the lines missing from .gitattributes and returns
// them; an existing file keeps everything it had.
func addAttributes(path string, patterns []string) ([]string, error) {
	var old []byte
	if data, err := storage.ReadInput(path, nil); err == nil {
		old = data
	} else if _, statErr := os.Lstat(path); statErr == nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(old), "\n") {
		have[strings.Join(strings.Fields(l), " ")] = true
	}
	var add []string
	for _, p := range patterns {
		if l := attrLine(p); !have[l] {
			add = append(add, l)
			have[l] = true
		}
	}
	if len(add) == 0 {
		return nil, nil
	}
	text := string(old)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	text += strings.Join(add, "\n") + "\n"
	// orgplan names this file itself: a link or a device in its place is
	// refused, never followed.
	err := storage.WriteTo(path, storage.WriteOptions{Target: storage.Side, Replace: true},
		func(w io.Writer) error { _, err := io.WriteString(w, text); return err })
	return add, err
}

// gitProblems lists what keeps plans from going through orgplan here.
func gitProblems(top string) []string {
	attrs, _ := os.ReadFile(filepath.Join(top, ".gitattributes"))
	named := strings.Contains(string(attrs), "merge=orgplan") || strings.Contains(string(attrs), "diff=orgplan")
	var out []string
	if !named {
		out = append(out, ".gitattributes names no orgplan driver: plans are diffed and merged as text (run 'orgplan git setup' and commit .gitattributes)")
	}
	for _, key := range []string{"merge.orgplan.driver", "diff.orgplan.command"} {
		if v, err := gitRun(top, "config", "--get", key); err != nil || v == "" {
			what := "merges"
			if strings.HasPrefix(key, "diff") {
				what = "diffs"
			}
			out = append(out, fmt.Sprintf("this clone has no %s: git %s plans as text, silently (run 'orgplan git setup' here)", key, what))
		}
	}
	return out
}
