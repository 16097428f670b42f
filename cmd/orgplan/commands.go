package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

// loadPlan reads a plan, turning every failure into one line per problem
// and exit code 2.
func loadPlan(path string) (*model.Org, error) {
	o, err := storage.Load(path)
	if err == nil {
		return o, nil
	}
	return nil, &exitError{code: exitUsage, err: describeLoadError(path, err)}
}

func describeLoadError(path string, err error) error {
	var le *storage.LoadError
	var pe *fs.PathError
	switch {
	case errors.As(err, &le):
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
	cmd := &cobra.Command{
		Use:   "new [--example NAME] FILE",
		Short: "Create a plan file, empty or from a bundled example",
		Long: `Create FILE as a new plan: empty, or a copy of a bundled example
(see 'orgplan examples'). An existing FILE is never overwritten.`,
		Example: "  orgplan new --example st-petersburg-1902 plan.json\n  orgplan new my-committee.json",
		Args:    exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
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
			if err := storage.WriteFileAtomic(path, data); err != nil {
				return fail(exitUsage, "%v", err)
			}
			fmt.Fprintf(e.stdout, "created %s\n", path)
			return nil
		},
	}
	cmd.Flags().StringVar(&example, "example", "", "start from this bundled example")
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
	return &cobra.Command{
		Use:   "check FILE",
		Short: "Load and validate a plan",
		Long: `Load FILE strictly and report every problem, one line each, as
file:line:column: path: message. Exit 0 when the plan is valid, 2 when it is not.`,
		Args: exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := loadPlan(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s: valid (%d units, %d posts, %d members)\n", args[0], o.UnitCount(), o.PostCount(), len(o.Members))
			return nil
		},
	}
}

func newExportCmd(e *env) *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export --format json [-o OUT] FILE",
		Short: "Write a plan in another format",
		Long: `Write FILE in the chosen format to standard output, or to OUT.
json: the canonical orgplan/1 file.`,
		Args: exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := loadPlan(args[0])
			if err != nil {
				return err
			}
			var data []byte
			switch format {
			case "json":
				data, err = storage.Encode(o)
			default:
				return fail(exitUsage, "unknown format %q (json)", format)
			}
			if err != nil {
				return fail(exitUsage, "%v", err)
			}
			if out == "" || out == "-" {
				_, err = e.stdout.Write(data)
				return err
			}
			if err := storage.WriteFileAtomic(out, data); err != nil {
				return fail(exitUsage, "%v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json")
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
