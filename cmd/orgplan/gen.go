package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/model/synth"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/visible"
)

// countingWriter counts what passes, for the closing line.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func newGenCmd(e *env) *cobra.Command {
	var units, branching, posts int
	var seed uint64
	var out output
	cmd := &cobra.Command{
		Use:   "gen [--units N] [--branching B] [--posts P] [--seed S] [-o OUT [--force]]",
		Short: "Generate a synthetic organization of any size, for trying orgplan at scale",
		Long: `Write a valid synthetic plan: N units in a tree of the given branching,
P posts per unit, about one member per unit, some posts vacant, some with
candidates, a few members arrested or inactive. The same seed gives the same
plan. Without -o the plan goes to standard output; an existing OUT is
replaced only with --force.`,
		Example: "  orgplan gen --units 100000 -o big.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if units < 1 || units > 10_000_000 {
				return fail("--units must be between 1 and 10000000")
			}
			// Drawn, not built: each unit is made as it is written, so a
			// million units take a few bytes each, not the plan's size.
			plan := synth.Draw(synth.Options{Units: units, Branching: branching, PostsPerUnit: posts, Seed: seed})
			cw := &countingWriter{}
			if err := out.write(e, nil, func(w io.Writer) error { cw.w = w; return storage.WriteSource(cw, plan) }); err != nil {
				return err
			}
			if out.path != "" && out.path != storage.Stdin {
				fmt.Fprintf(e.stderr, "wrote %s: %d units, %d bytes\n", visible.String(out.path), units, cw.n)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&units, "units", 1000, "how many units")
	cmd.Flags().IntVar(&branching, "branching", 8, "sub-units per unit")
	cmd.Flags().IntVar(&posts, "posts", 3, "posts per unit")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	out.flags(cmd, "the plan")
	return cmd
}
