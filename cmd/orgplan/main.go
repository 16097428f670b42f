// Command orgplan is a terminal organization planner: it opens a plan of an
// organization as a tree, checks it, simulates arrests, and exports it.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/storage/visible"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func main() {
	// Reports are millions of short lines at a million units: one write
	// call per line costs more than making them.
	out := &bufferedFile{Writer: bufio.NewWriterSize(os.Stdout, 64<<10), f: os.Stdout}
	code := run(os.Args[1:], os.Stdin, out, os.Stderr)
	if err := out.Flush(); err != nil && code == exitOK {
		fmt.Fprintln(os.Stderr, "orgplan: writing the output:", visible.String(err.Error()))
		code = exitUsage
	}
	os.Exit(code)
}

// bufferedFile is standard output behind a buffer, still known for the
// file it is (a terminal or not).
type bufferedFile struct {
	*bufio.Writer
	f *os.File
}

// Fd is the file's descriptor.
func (b *bufferedFile) Fd() uintptr { return b.f.Fd() }

// Exit codes, as the design fixes them.
const (
	exitOK       = 0
	exitFindings = 1 // check found errors
	exitUsage    = 2 // usage, or unreadable input
)

// exitError carries an exit code with its message; an empty message prints
// nothing (the command already said what it had to).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

// fail is a usage or input error: exit 2 with its message.
func fail(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// env is what a command may touch, so that tests can run it in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	code := exitUsage
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if f, ok := stdout.(interface{ Flush() error }); ok {
		// What was reported comes before the error that ended it; a
		// failing flush changes nothing, the exit is already an error.
		_ = f.Flush()
	}
	if msg := err.Error(); msg != "" {
		// Every line passes the sanitizer: a message may echo a file
		// name, a flag or a field from a hostile file.
		for _, line := range strings.Split(msg, "\n") {
			fmt.Fprintln(stderr, "orgplan: "+visible.String(line))
		}
	}
	return code
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "orgplan [FILE]",
		Short: "Plan an organization in the terminal: who does what, and who steps in",
		Long: `orgplan opens a plan of an organization — a committee and the units under it —
as a tree in the terminal, to edit it and see the division of labor, the posts
with no candidate ready to step in, and each member's function.

With no FILE it opens the bundled 1902 example, unsaved. A FILE that does not
exist yet starts an empty plan, created on the first save.`,
		Args:          cobra.MaximumNArgs(1),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if err := notACommand(cmd, args[0]); err != nil {
					return err
				}
			}
			return openEditor(e, args)
		},
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fail("%v (see 'orgplan %s --help')", err, c.Name())
	})
	root.AddCommand(newNewCmd(e), newExamplesCmd(e), newCheckCmd(e), newExportCmd(e), newImportCmd(e), newSimulateCmd(e), newRiskCmd(e), newDiffCmd(e), newMergeCmd(e), newGitCmd(e), newTeamCmd(e), newKeysCmd(e), newViewCmd(e), newConfigCmd(e), newGenCmd(e), newVersionCmd(e))
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// notACommand refuses a FILE that is no file and looks like a mistyped
// subcommand ("exmaples", "chek"), with cobra's suggestion, instead of
// opening the editor on a new plan of that name. A name with a dot or a
// slash, or one that exists, is a file.
func notACommand(root *cobra.Command, arg string) error {
	if strings.ContainsAny(arg, "./\\") {
		return nil
	}
	if _, err := os.Lstat(arg); err == nil {
		return nil
	}
	root.SuggestionsMinimumDistance = 2
	if s := root.SuggestionsFor(arg); len(s) > 0 {
		return fail("unknown command %s; did you mean %s? (a new plan's file name ends in .json or .age)", visible.Quote(arg), strings.Join(s, " or "))
	}
	return nil
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(e.stdout, "orgplan "+versionString())
			return nil
		},
	}
}
