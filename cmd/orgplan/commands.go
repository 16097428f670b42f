package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	xterm "golang.org/x/term"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/export"
	"github.com/orgplan/orgplan/storage/visible"
)

// loadPlan reads a plan (a file, or standard input as "-"), turning every
// failure into one line per problem and exit code 2.
func loadPlan(e *env, path string) (*model.Org, error) {
	o, _, err := loadPlanKeyed(e, path)
	return o, err
}

// loadPlanKeyed also returns the key an encrypted plan was opened with.
func loadPlanKeyed(e *env, path string) (*model.Org, *storage.Key, error) {
	var pr storage.Progress
	defer loadingLine(e, path, &pr)()
	if path != storage.Stdin && !storage.Encrypted(path) {
		// A plaintext file, a big one decoded as it is read; one that
		// turns out to be encrypted is read again below, for its key.
		o, err := storage.LoadProgress(path, nil, &pr)
		if !errors.Is(err, storage.ErrNeedKey) {
			if err != nil {
				return nil, nil, &exitError{code: exitUsage, err: describeLoadError(path, err)}
			}
			return o, nil, nil
		}
	}
	data, err := storage.ReadInputProgress(path, e.stdin, &pr)
	if err != nil {
		return nil, nil, &exitError{code: exitUsage, err: describeLoadError(path, err)}
	}
	var key *storage.Key
	if storage.Encrypted(path) || storage.EncryptedData(data) {
		if key, err = keyForData(path, data, false); err != nil {
			return nil, nil, &exitError{code: exitUsage, err: err}
		}
	}
	o, err := storage.DecodeKeyedProgress(path, data, key, &pr)
	if err != nil {
		return nil, nil, &exitError{code: exitUsage, err: describeLoadError(path, err)}
	}
	if key != nil {
		if err := checkPins(e, path, o, false); err != nil {
			return nil, nil, err
		}
	}
	return o, key, nil
}

// output is where a command writes: "-" or nothing is standard output.
type output struct {
	path  string
	force bool // --force: an existing regular file may be replaced
	// plaintext allows a plaintext file from an encrypted plan.
	plaintext bool
}

func (o *output) flags(cmd *cobra.Command, what string) {
	cmd.Flags().StringVarP(&o.path, "output", "o", "", "write "+what+" to this file (- is standard output)")
	cmd.Flags().BoolVar(&o.force, "force", false, "replace an existing file")
}

// write writes through storage's one writing path, encrypted when the
// name ends in ".age" (with the input's key when it had one, else a new
// one). An encrypted plan is never written to a plaintext file without
// --plaintext.
func (o output) write(e *env, key *storage.Key, write func(io.Writer) error) error {
	path := o.path
	if path == "" {
		path = storage.Stdin
	}
	enc := storage.Encrypted(path)
	if key != nil && !enc && path != storage.Stdin && !o.plaintext {
		return fail("the plan is encrypted: writing %s would put its plaintext on disk; name it %s.age, or give --plaintext",
			visible.String(path), visible.String(path))
	}
	if !enc {
		key = nil
	} else if key == nil {
		k, err := keyFor(path, true)
		if err != nil {
			return fail("%v", err)
		}
		key = k
	}
	stdout := e.stdout
	if path == storage.Stdin && isTerminal(stdout) {
		// Data formats stay exact in a file or a pipe; on a screen
		// nothing in them may act.
		vw := visible.NewWriter(stdout)
		stdout = vw
		inner := write
		write = func(w io.Writer) error {
			if err := inner(w); err != nil {
				return err
			}
			return vw.Flush()
		}
	}
	err := storage.WriteTo(path, storage.WriteOptions{Target: storage.Output, Replace: o.force, Stdout: stdout, Key: key}, write)
	var ee *storage.ExistsError
	if errors.As(err, &ee) {
		return fail("%s already exists; give --force to replace it", visible.String(path))
	}
	if err != nil {
		return fail("%v", err)
	}
	return nil
}

// reportPlan checks a report's --format and loads its plan: what check,
// simulate and risk all begin with.
func reportPlan(e *env, format, path string) (*model.Org, error) {
	if format != "text" && format != "json" {
		return nil, fail("unknown format %q (text, json)", format)
	}
	return loadPlan(e, path)
}

// holdHeap has the collector keep the heap near 1.4 times a big plan's
// file (64 MB or more) while the checks run, and returns what lets it go.
// Left alone, it lets the heap grow to twice what is live: at a million
// units, 3.0 GB for a 1.7 GB file, against 2.4 GB held, for 4–7% more
// time.
func holdHeap(path string) func() {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < 64<<20 {
		return func() {}
	}
	was := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(was, fi.Size()*7/5+64<<20))
	return func() { debug.SetMemoryLimit(was) }
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && xterm.IsTerminal(int(f.Fd()))
}

// describeLoadError gives a failure to read a file one line that names it
// (shown safely).
func describeLoadError(path string, err error) error {
	var le *storage.LoadError
	var pe *fs.PathError
	shown := visible.String(path)
	switch {
	case errors.As(err, &le), strings.HasPrefix(err.Error(), shown):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", shown)
	case errors.As(err, &pe):
		return fmt.Errorf("%s: %v", shown, pe.Err)
	}
	return fmt.Errorf("%s: %s", shown, visible.String(err.Error()))
}

func newNewCmd(e *env) *cobra.Command {
	var example string
	var encrypt, force bool
	cmd := &cobra.Command{
		Use:   "new [--example NAME] [--encrypt] [--force] FILE",
		Short: "Create a plan file, empty or from a bundled example",
		Long: `Create FILE as a new plan: empty, or a copy of a bundled example
(see 'orgplan examples'). An existing FILE is replaced only with --force.

A FILE whose name ends in .age is encrypted with age under a passphrase
(asked twice on the terminal, or taken from $ORGPLAN_PASSPHRASE); --encrypt
asks for exactly that and refuses another name.`,
		Example: "  orgplan new --example st-petersburg-1902 plan.json\n  orgplan new my-committee.json",
		Args:    exactArg("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			if encrypt && !storage.Encrypted(path) {
				return fail("an encrypted plan's file name ends in .age: %s.age", visible.String(path))
			}
			var data []byte
			if example != "" {
				b, ok := examples.Get(example)
				if !ok {
					return fail("no example %q; 'orgplan examples' lists them", example)
				}
				data = b
			} else {
				o := model.New("New organization")
				b, err := storage.Encode(o)
				if err != nil {
					return fail("%v", err)
				}
				data = b
			}
			out := output{path: path, force: force}
			if err := out.write(e, nil, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "created %s\n", visible.String(path))
			return nil
		},
	}
	cmd.Flags().StringVar(&example, "example", "", "start from this bundled example")
	cmd.Flags().BoolVar(&encrypt, "encrypt", false, "encrypt the new plan (its name must end in .age)")
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}

func newExamplesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "examples",
		Short: "List the bundled examples",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w := tabwriter.NewWriter(e.stdout, 0, 2, 2, ' ', 0)
			for _, name := range examples.Names() {
				b, _ := examples.Get(name)
				o, err := storage.Decode(examples.FileName(name), b)
				if err != nil {
					return fail("bundled example %s: %v", name, err)
				}
				fmt.Fprintf(w, "%s\t%s\t%d units, %d members\n", name, o.Name, o.UnitCount(), len(o.Members))
			}
			return w.Flush()
		},
	}
}

func newCheckCmd(e *env) *cobra.Command {
	var asOf, format string
	cmd := &cobra.Command{
		Use:   "check [--as-of DATE] [--format text|json] FILE",
		Short: "Load a plan and report its weaknesses",
		Long: `Load FILE strictly, then run the checks (vacant posts, posts with no
candidate, the kinds' rules, inactive holders, the jumble of functions, idle
members, overdue reports, undeposited contacts, secrecy bridges).

Text output is one finding per line, "path: severity check: message", then a
summary line. JSON output is {format, file, asOf, errors, warnings,
findings: [{check, severity, message, path, unit, post, member}]}.

Dates are measured against --as-of, else the plan's asOf, else today.
Exit 0 when there is no error-severity finding, 1 when there is, 2 when the
file cannot be read or is invalid.`,
		Example: "  orgplan check plan.json\n  orgplan check --as-of 1902-12-01 --format json plan.json",
		Args:    exactArg("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := reportPlan(e, format, args[0])
			if err != nil {
				return err
			}
			day, err := model.AsOf(o, asOf, time.Now())
			if err != nil {
				return fail("--as-of: %v", err)
			}
			defer holdHeap(args[0])()
			fs := model.CheckAllProgress(o, day, progressLine(e, "check: units and members checked"))
			if err := export.Findings(e.stdout, format, args[0], day, fs); err != nil {
				return fail("%v", err)
			}
			if errs, _ := fs.Count(); errs > 0 {
				return &exitError{code: exitFindings}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&asOf, "as-of", "", "measure dates against this day (YYYY-MM-DD)")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

func newSimulateCmd(e *env) *cobra.Command {
	var remove []string
	var unit, format string
	cmd := &cobra.Command{
		Use:   "simulate (--remove MEMBER[,MEMBER…] | --remove-unit UNIT) [--format text|json] FILE",
		Short: "What happens if these members are taken: who steps in, what falls vacant",
		Long: `Simulate removing members (arrests, say) without changing FILE: each post
they held passes to its first active candidate who is not removed and
would not be moved down (a candidate steps in only to a post more
important than every post they hold); a promoted member leaves the posts
they held, which pass on in turn, most important posts first. The report
lists the promotions, the candidates not moved down, the posts left
vacant, the units left with no one, the units cut off from the center
(with people, but no line to the top through a unit that still has
someone), bench strength before and after, and the members whose removal
alone does damage (see 'orgplan risk').

MEMBER is an id or an alias; an alias two members share is refused with
the matches.

--remove-unit UNIT (an id or a name) removes every holder of that unit's posts: the arrest of a
committee.`,
		Example: "  orgplan simulate --remove m1,m2 plan.json\n  orgplan simulate --remove-unit u4 --format json plan.json",
		Args:    exactArg("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (len(remove) == 0) == (unit == "") {
				return fail("give --remove MEMBER[,MEMBER…] or --remove-unit ID (see 'orgplan simulate --help')")
			}
			o, err := reportPlan(e, format, args[0])
			if err != nil {
				return err
			}
			var ids []string
			if unit != "" {
				u, err := unitID(o, unit, args[0])
				if err != nil {
					return err
				}
				ids = model.UnitHolders(o, u)
			} else if ids, err = memberIDs(o, remove, args[0]); err != nil {
				return err
			}
			w := model.Simulate(o, ids)
			points := model.SinglePointsProgress(o, progressLine(e, "simulate: members whose removal alone does damage, simulated"))
			if err := export.Simulation(e.stdout, format, args[0], o, w, points); err != nil {
				return fail("%v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&remove, "remove", nil, "members to remove (ids or aliases), comma separated")
	cmd.Flags().StringVar(&unit, "remove-unit", "", "remove every holder of this unit's posts")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

func newExportCmd(e *env) *cobra.Command {
	var opt export.Options
	var out output
	cmd := &cobra.Command{
		Use:   "export --format json|dot|mermaid|markdown|csv [--redact] [--members] [-o OUT [--force]] FILE",
		Short: "Write a plan as a picture, a report or a spreadsheet",
		Long: `Write FILE in another format, to standard output or to OUT:

  json      the canonical orgplan/1 file
  dot       Graphviz: units as boxes (name, kind, secrecy, filled/total posts),
            colored by secrecy, vacant posts marked; 'dot -Tsvg' draws it
  mermaid   a flowchart that Markdown viewers render
  markdown  a report: the tree with posts, holders and candidates, the
            division of labor, vacancies and the checks' findings
  csv       one row per post (id, parentId, name, unitPath, postId, post,
            function, holder, candidates); with --members one row per member

--redact drops real names and notes from every format; aliases stay.
An OUT whose name ends in .age is encrypted (with the plan's passphrase
when the plan is encrypted). An encrypted plan is written to a plaintext
OUT only with --plaintext. An existing OUT is replaced only with --force;
a device or FIFO (/dev/stdout, a pipe) is written in place.`,
		Example: "  orgplan export --format dot plan.json | dot -Tsvg > plan.svg\n  orgplan export --format markdown --redact -o report.md plan.json",
		Args:    exactArg("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, ok := export.Ext[opt.Format]; !ok {
				return fail("unknown format %q (%s)", opt.Format, strings.Join(export.Formats, ", "))
			}
			o, key, err := loadPlanKeyed(e, args[0])
			if err != nil {
				return err
			}
			// Streamed into the (temporary, then renamed) output file.
			return out.write(e, key, func(w io.Writer) error { return export.Write(w, o, opt) })
		},
	}
	cmd.Flags().StringVar(&opt.Format, "format", "json", "json, dot, mermaid, markdown or csv")
	cmd.Flags().BoolVar(&opt.Redact, "redact", false, "drop real names and notes")
	cmd.Flags().BoolVar(&opt.Members, "members", false, "csv: one row per member")
	out.flags(cmd, "the export")
	cmd.Flags().BoolVar(&out.plaintext, "plaintext", false, "allow a plaintext OUT from an encrypted plan")
	return cmd
}

func newImportCmd(e *env) *cobra.Command {
	var name string
	var out output
	var people bool
	cmd := &cobra.Command{
		Use:   "import [--people] [--name NAME] [-o OUT [--force]] FILE.csv",
		Short: "Bring in an org chart from a spreadsheet (CSV with id and parentId)",
		Long: `Read an org-chart CSV, as spreadsheets, d3-org-chart and OrgChart JS use:
a header row, then one row per node. Columns are matched by name whatever
their case: id and parentId are required (parentId empty for a root; several
roots are fine); name, title and department are optional.

Without --people each row becomes a unit named by its name (or id), with
its title as purpose; rows with orgplan's own export columns (post, postId,
function, holder, candidates) add posts, members and functions, so that an
export --format csv imports back into the same tree.

With --people each row is a person: a member holding a post titled by
title. Whoever has people reporting to them heads a unit of their own
(named by department, or "<name>'s team"); the others hold their post in
their manager's unit.

Problems are reported with their CSV line. The result is a valid orgplan/1
plan, written to OUT (an existing OUT only with --force) or standard output.`,
		Example: "  orgplan import -o plan.json chart.csv\n  orgplan import --people -o staff.json people.csv",
		Args:    exactArg("FILE.csv"),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := storage.ReadInput(args[0], e.stdin)
			if err != nil {
				return &exitError{code: exitUsage, err: describeLoadError(args[0], err)}
			}
			o, err := storage.ImportCSV(args[0], bytes.NewReader(data), storage.ImportOptions{People: people, Name: name,
				Warn: func(s string) { fmt.Fprintln(e.stderr, "orgplan: warning: "+s) }})
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			if err := out.write(e, nil, func(w io.Writer) error { return storage.Write(w, o) }); err != nil {
				return err
			}
			if out.path != "" && out.path != storage.Stdin {
				fmt.Fprintf(e.stderr, "imported %d units, %d members into %s\n", o.UnitCount(), len(o.Members), visible.String(out.path))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&people, "people", false, "rows are people, not units")
	cmd.Flags().StringVar(&name, "name", "", "the plan's name (default: the file's)")
	out.flags(cmd, "the plan")
	return cmd
}

// exactArg is cobra.ExactArgs(1) with a message that names what is
// missing.
func exactArg(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < 1 {
			return fail("missing %s (see 'orgplan %s --help')", what, cmd.Name())
		}
		if len(args) > 1 {
			return fail("too many arguments: %q (see 'orgplan %s --help')", args[1:], cmd.Name())
		}
		return nil
	}
}

// unitID resolves a unit named by id or by name; a name two units share
// is refused with their ids and paths.
func unitID(o *model.Org, name, file string) (string, error) {
	if o.Unit(name) != nil {
		return name, nil
	}
	var matches []string
	var id string
	o.Walk(func(u *model.Unit) bool {
		if u.Name == name {
			id = u.ID
			matches = append(matches, u.ID+" ("+o.PathString(u)+")")
		}
		return true
	})
	switch len(matches) {
	case 0:
		return "", fail("no unit %s in %s (neither an id nor a name)", visible.Quote(name), visible.String(file))
	case 1:
		return id, nil
	}
	return "", fail("the name %s names %d units: %s; give an id", visible.Quote(name), len(matches), visible.String(strings.Join(matches, ", ")))
}

// memberIDs resolves members named by id or alias; an alias shared by
// several members is refused with the matches.
func memberIDs(o *model.Org, names []string, file string) ([]string, error) {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if o.Member(n) != nil {
			out = append(out, n)
			continue
		}
		var matches []string
		for _, m := range o.Members {
			if m.Alias == n {
				matches = append(matches, m.ID)
			}
		}
		switch len(matches) {
		case 0:
			return nil, fail("no member %s in %s (neither an id nor an alias)", visible.Quote(n), visible.String(file))
		case 1:
			out = append(out, matches[0])
		default:
			return nil, fail("the alias %s names %d members: %s; give an id", visible.Quote(n), len(matches), visible.String(strings.Join(matches, ", ")))
		}
	}
	return out, nil
}
