package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/export"
	"github.com/orgplan/orgplan/storage/visible"
)

// devNull is what git passes for the missing side of an added or
// deleted file.
const devNull = "/dev/null"

// plans opens the plans of a diff or merge in turn, asking for a
// passphrase at most once: the key one encrypted plan opened with is tried
// on the next.
type plans struct {
	e   *env
	key *storage.Key
	// encrypted is set once any of them was.
	encrypted bool
}

func (p *plans) open(path string) (*model.Org, error) {
	if path == devNull {
		return model.New(""), nil // git's side of an added or deleted file
	}
	data, err := storage.ReadInput(path, p.e.stdin)
	if err != nil {
		return nil, &exitError{code: exitUsage, err: describeLoadError(path, err)}
	}
	if !storage.Encrypted(path) && !storage.EncryptedData(data) {
		o, err := storage.Decode(path, data)
		if err != nil {
			return nil, &exitError{code: exitUsage, err: describeLoadError(path, err)}
		}
		return o, nil
	}
	p.encrypted = true
	if p.key != nil {
		if o, err := storage.DecodeKeyed(path, data, p.key); err == nil {
			return o, nil
		}
	}
	if p.key, err = keyForData(path, data, false); err != nil {
		return nil, &exitError{code: exitUsage, err: err}
	}
	o, err := storage.DecodeKeyed(path, data, p.key)
	if err != nil {
		return nil, &exitError{code: exitUsage, err: describeLoadError(path, err)}
	}
	return o, nil
}

func newDiffCmd(e *env) *cobra.Command {
	var format string
	var stat, names, gitDriver bool
	cmd := &cobra.Command{
		Use:   "diff [--format text|json] [--stat] [--names] OLD NEW",
		Short: "What changed between two plans, by id: units, posts, people, catalogues",
		Long: `Compare two plans record by record, by id: units added, removed,
renamed, moved (from path → to path), their kind, secrecy, affiliation and
reporting changed; posts added, removed, vacated, filled, their holder
changed, candidates added, removed or reordered, readiness changed;
members added, removed, their alias or status changed (real names,
backgrounds and notes only with --names); catalogue changes; the order of
units and posts among their siblings. The order of members and catalogues
and of sets (reportsTo, skills, those ready later) means nothing and is
not shown; the order of candidates is.

Exit 0 when the plans are equal, 1 when they differ, 2 on error, as diff
does. With --git it is git's diff driver ('orgplan git setup' names it):
it takes git's seven arguments, prints a header, and exits 0.`,
		Example: "  orgplan diff old.json new.json\n  orgplan diff --stat old.json new.json\n  git diff   # after 'orgplan git setup'",
		Args: func(cmd *cobra.Command, args []string) error {
			if gitDriver {
				if len(args) != 7 {
					return fail("diff --git takes git's seven arguments (path, old file, hex, mode, new file, hex, mode)")
				}
				return nil
			}
			if len(args) != 2 {
				return fail("diff takes two plans: OLD NEW (see 'orgplan diff --help')")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fail("unknown format %q (text, json)", format)
			}
			oldPath, newPath, label := args[0], args[1], ""
			if gitDriver {
				oldPath, newPath, label = args[1], args[4], args[0]
			}
			ps := &plans{e: e}
			a, err := ps.open(oldPath)
			if err != nil {
				return err
			}
			b, err := ps.open(newPath)
			if err != nil {
				return err
			}
			cs := model.Diff(a, b)
			sides := export.DiffSides{Old: a, New: b, OldName: oldPath, NewName: newPath, Names: names}
			if gitDriver {
				sides.OldName, sides.NewName = "a/"+label, "b/"+label
				fmt.Fprintf(e.stdout, "orgplan diff %s %s\n", visible.Quote(sides.OldName), visible.Quote(sides.NewName))
				if len(cs) == 0 {
					fmt.Fprintln(e.stdout, "no change to the plan (only to how the file is written)")
				}
			}
			if err := export.Diff(e.stdout, format, stat, sides, cs); err != nil {
				return fail("%v", err)
			}
			if len(cs) > 0 && !gitDriver {
				return &exitError{code: exitFindings}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	cmd.Flags().BoolVar(&stat, "stat", false, "only count the changes, per kind of record")
	cmd.Flags().BoolVar(&names, "names", false, "show real names, backgrounds and notes that changed")
	cmd.Flags().BoolVar(&gitDriver, "git", false, "run as git's diff driver (seven arguments)")
	return cmd
}
