package main

import (
	"errors"
	"fmt"
	"io"
	"os/exec"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/visible"
)

func newMergeCmd(e *env) *cobra.Command {
	var out output
	var gitPath string
	cmd := &cobra.Command{
		Use:   "merge BASE OURS THEIRS [-o OUT] | merge --git PATH BASE OURS THEIRS",
		Short: "Merge two plans that come from one, by id and field by field",
		Long: `Merge OURS and THEIRS, two versions of the plan BASE, by id and field by
field: what one side changed is taken, the same change on both once,
new records on both sides are both kept (theirs gets a new id when ours
used the same one). These are conflicts, never resolved silently: a post
given two holders, or vacated on one side and filled on the other; a unit
moved under two parents, or two moves that make a cycle; a record deleted
on one side and edited on the other; a record deleted on one side that
the other's changes name (a unit moved into a deleted one); any field
changed differently on both sides.

The merged plan is always a valid plan: each conflict keeps ours in
place, and is recorded in the plan's "conflicts" with the three versions,
where 'orgplan check' reports it as an error and the editor's Conflicts
view resolves it. Encrypted plans merge in memory; the result is written
encrypted, with their passphrase.

Exit 0 when the merge is clean, 1 when it has conflicts, 2 on bad input.
With --git it is git's merge driver ('orgplan git setup' names it): the
result replaces OURS (git's %A); files that are not plans are merged by
'git merge-file', line by line, as git would have.`,
		Example: "  orgplan merge base.json ours.json theirs.json -o merged.json\n  git merge topic   # after 'orgplan git setup'",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 3 {
				return fail("merge takes three plans: BASE OURS THEIRS (see 'orgplan merge --help')")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if gitPath != "" {
				out = output{path: args[1], force: true, plaintext: true}
			}
			if gitPath != "" && !anyPlan(args) {
				return mergeAsText(e, gitPath, args)
			}
			ps := &plans{e: e}
			var sides [3]*model.Org
			for i, path := range args {
				o, err := ps.open(path)
				if err != nil {
					return err
				}
				sides[i] = o
			}
			merged, conflicts, err := model.Merge(sides[0], sides[1], sides[2])
			if err != nil {
				return fail("%v", err)
			}
			key := storage.KeyForPlan(ps.key, merged)
			if gitPath != "" && !ps.encrypted {
				key = nil
			}
			write := func(w io.Writer) error { return storage.Write(w, merged) }
			if gitPath != "" && ps.encrypted {
				// git's %A has no .age in its name: encrypt it all the same.
				err = storage.WriteTo(out.path, storage.WriteOptions{Target: storage.Output, Replace: true, Key: key}, write)
				if err != nil {
					return fail("%v", err)
				}
			} else if err := out.write(e, key, write); err != nil {
				return err
			}
			if len(conflicts) == 0 {
				return nil
			}
			where := "the merged plan"
			if gitPath != "" {
				where = visible.String(gitPath)
			}
			fmt.Fprintf(e.stderr, "orgplan: %s: %d conflict%s, ours kept in place ('orgplan check' lists them; the editor resolves them):\n",
				where, len(conflicts), plural(len(conflicts)))
			for _, c := range conflicts {
				fmt.Fprintf(e.stderr, "  %s: %s\n", visible.String(c.Path), visible.String(c.Message(merged)))
			}
			return &exitError{code: exitFindings}
		},
	}
	out.flags(cmd, "the merged plan")
	cmd.Flags().StringVar(&gitPath, "git", "", "run as git's merge driver for the file at this path (%P): the result replaces OURS")
	return cmd
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// anyPlan reports whether any of the files is a plan. Only when none is
// does the driver merge as text: a plan damaged on one side must not get
// conflict markers (the driver fails, and git keeps ours).
func anyPlan(paths []string) bool {
	for _, p := range paths {
		if data, err := storage.ReadInput(p, nil); err == nil && storage.LooksLikePlan(data) {
			return true
		}
	}
	return false
}

// mergeAsText hands a file that is no plan to git merge-file, which
// writes into OURS and exits with the number of conflicts.
func mergeAsText(e *env, label string, args []string) error {
	git, err := exec.LookPath("git")
	if err != nil {
		return fail("%s is not a plan, and git, which would merge it as text, is not on PATH", visible.String(label))
	}
	c := exec.Command(git, "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", args[1], args[0], args[2])
	c.Stdout, c.Stderr = e.stdout, e.stderr
	err = c.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ee) && ee.ExitCode() > 0 && ee.ExitCode() < 128:
		return &exitError{code: exitFindings}
	}
	return fail("git merge-file: %v", err)
}
