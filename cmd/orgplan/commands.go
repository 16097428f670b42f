package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/export"
)

// loadPlan reads a plan, turning every failure into one line per problem
// and exit code 2.
func loadPlan(path string) (*model.Org, error) {
	o, _, err := loadPlanKeyed(path)
	return o, err
}

// loadPlanKeyed also returns the key an encrypted plan was opened with.
func loadPlanKeyed(path string) (*model.Org, *storage.Key, error) {
	key, err := keyFor(path, false)
	if err != nil {
		return nil, nil, &exitError{code: exitUsage, err: err}
	}
	o, err := storage.LoadKeyed(path, key)
	if err == nil {
		return o, key, nil
	}
	return nil, nil, &exitError{code: exitUsage, err: describeLoadError(path, err)}
}

// writeOut writes an output file atomically, encrypted when its name ends
// in ".age" (with the input's key when it had one, else a new one).
func writeOut(path string, key *storage.Key, write func(io.Writer) error) error {
	if storage.Encrypted(path) && key == nil {
		k, err := keyFor(path, true)
		if err != nil {
			return err
		}
		key = k
	}
	return storage.WriteKeyed(path, key, write)
}

func describeLoadError(path string, err error) error {
	var le *storage.LoadError
	var pe *fs.PathError
	switch {
	case errors.As(err, &le), strings.HasPrefix(err.Error(), path+":"):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", path)
	case errors.As(err, &pe):
		return fmt.Errorf("%s: %v", path, pe.Err)
	}
	return fmt.Errorf("%s: %v", path, err)
}

func newNewCmd(e *env) *cobra.Command {
	var example string
	var encrypt bool
	cmd := &cobra.Command{
		Use:   "new [--example NAME] [--encrypt] FILE",
		Short: "Create a plan file, empty or from a bundled example",
		Long: `Create FILE as a new plan: empty, or a copy of a bundled example
(see 'orgplan examples'). An existing FILE is never overwritten.

A FILE whose name ends in .age is encrypted with age under a passphrase
(asked twice on the terminal, or taken from $ORGPLAN_PASSPHRASE); --encrypt
asks for exactly that and refuses another name.`,
		Example: "  orgplan new --example st-petersburg-1902 plan.json\n  orgplan new my-committee.json",
		Args:    exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			if encrypt && !storage.Encrypted(path) {
				return fail(exitUsage, "an encrypted plan's file name ends in .age: %s.age", path)
			}
			if _, err := os.Lstat(path); err == nil {
				return fail(exitUsage, "%s already exists; choose another name", path)
			}
			var data []byte
			if example != "" {
				b, ok := examples.Get(example)
				if !ok {
					return fail(exitUsage, "no example %q; 'orgplan examples' lists them", example)
				}
				data = b
			} else {
				o := model.New("New organization")
				b, err := storage.Encode(o)
				if err != nil {
					return fail(exitUsage, "%v", err)
				}
				data = b
			}
			if err := writeOut(path, nil, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
				return fail(exitUsage, "%v", err)
			}
			fmt.Fprintf(e.stdout, "created %s\n", path)
			return nil
		},
	}
	cmd.Flags().StringVar(&example, "example", "", "start from this bundled example")
	cmd.Flags().BoolVar(&encrypt, "encrypt", false, "encrypt the new plan (its name must end in .age)")
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
					return fail(exitUsage, "bundled example %s: %v", name, err)
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
		Args:    exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fail(exitUsage, "unknown format %q (text, json)", format)
			}
			o, err := loadPlan(args[0])
			if err != nil {
				return err
			}
			day, err := model.AsOf(o, asOf, time.Now())
			if err != nil {
				return fail(exitUsage, "--as-of: %v", err)
			}
			fs := model.CheckPlan(o, day)
			if err := export.Findings(e.stdout, format, args[0], day, fs); err != nil {
				return fail(exitUsage, "%v", err)
			}
			if errs, _ := model.Count(fs); errs > 0 {
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
		Use:   "simulate (--remove ID[,ID…] | --remove-unit ID) [--format text|json] FILE",
		Short: "What happens if these members are taken: who steps in, what falls vacant",
		Long: `Simulate removing members (arrests, say) without changing FILE: each post
they held passes to its first active candidate who is not removed; a
promoted member leaves the posts they held, which pass on in turn, most
important posts first. The report lists the promotions, the posts left
vacant, the units left with no one, the units cut off from the center (with
people, but no line to the top through a unit that still has someone),
bench strength before and after, and today's single points of failure.

--remove-unit ID removes every holder of that unit's posts: the arrest of a
committee.`,
		Example: "  orgplan simulate --remove m1,m2 plan.json\n  orgplan simulate --remove-unit u4 --format json plan.json",
		Args:    exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fail(exitUsage, "unknown format %q (text, json)", format)
			}
			if (len(remove) == 0) == (unit == "") {
				return fail(exitUsage, "give --remove ID[,ID…] or --remove-unit ID (see 'orgplan simulate --help')")
			}
			o, err := loadPlan(args[0])
			if err != nil {
				return err
			}
			ids := remove
			if unit != "" {
				if o.Unit(unit) == nil {
					return fail(exitUsage, "no unit %q in %s", unit, args[0])
				}
				ids = model.UnitHolders(o, unit)
			}
			for _, id := range ids {
				if o.Member(id) == nil {
					return fail(exitUsage, "no member %q in %s", id, args[0])
				}
			}
			w := model.Simulate(o, ids)
			if err := export.Simulation(e.stdout, format, args[0], o, w); err != nil {
				return fail(exitUsage, "%v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&remove, "remove", nil, "member ids to remove, comma separated")
	cmd.Flags().StringVar(&unit, "remove-unit", "", "remove every holder of this unit's posts")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

func newExportCmd(e *env) *cobra.Command {
	var opt export.Options
	var out string
	cmd := &cobra.Command{
		Use:   "export --format json|dot|mermaid|markdown|csv [--redact] [--members] [-o OUT] FILE",
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
when the plan is encrypted).`,
		Example: "  orgplan export --format dot plan.json | dot -Tsvg > plan.svg\n  orgplan export --format markdown --redact -o report.md plan.json",
		Args:    exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, ok := export.Ext[opt.Format]; !ok {
				return fail(exitUsage, "unknown format %q (%s)", opt.Format, strings.Join(export.Formats, ", "))
			}
			o, key, err := loadPlanKeyed(args[0])
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				if err := export.Write(e.stdout, o, opt); err != nil {
					return fail(exitUsage, "%v", err)
				}
				return nil
			}
			// Streamed into the (temporary, then renamed) output file.
			if err := writeOut(out, key, func(w io.Writer) error { return export.Write(w, o, opt) }); err != nil {
				return fail(exitUsage, "%v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opt.Format, "format", "json", "json, dot, mermaid, markdown or csv")
	cmd.Flags().BoolVar(&opt.Redact, "redact", false, "drop real names and notes")
	cmd.Flags().BoolVar(&opt.Members, "members", false, "csv: one row per member")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

func newImportCmd(e *env) *cobra.Command {
	var out, name string
	var people bool
	cmd := &cobra.Command{
		Use:   "import [--people] [--name NAME] [-o OUT] FILE.csv",
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
plan, written to OUT (never over an existing file) or standard output.`,
		Example: "  orgplan import -o plan.json chart.csv\n  orgplan import --people -o staff.json people.csv",
		Args:    exactArgs(1, "FILE.csv"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return &exitError{code: exitUsage, err: describeLoadError(args[0], err)}
			}
			defer f.Close()
			o, err := storage.ImportCSV(args[0], f, storage.ImportOptions{People: people, Name: name})
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			if out == "" || out == "-" {
				return storage.Write(e.stdout, o)
			}
			if _, err := os.Lstat(out); err == nil {
				return fail(exitUsage, "%s already exists; choose another name", out)
			}
			if err := writeOut(out, nil, func(w io.Writer) error { return storage.Write(w, o) }); err != nil {
				return fail(exitUsage, "%v", err)
			}
			fmt.Fprintf(e.stderr, "imported %d units, %d members into %s\n", o.UnitCount(), len(o.Members), out)
			return nil
		},
	}
	cmd.Flags().BoolVar(&people, "people", false, "rows are people, not units")
	cmd.Flags().StringVar(&name, "name", "", "the plan's name (default: the file's)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

// exactArgs is cobra.ExactArgs with a message that names what is missing.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return fail(exitUsage, "missing %s (see 'orgplan %s --help')", what, cmd.Name())
		}
		if len(args) > n {
			return fail(exitUsage, "too many arguments: %q (see 'orgplan %s --help')", args[n:], cmd.Name())
		}
		return nil
	}
}
