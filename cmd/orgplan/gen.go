package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/model/synth"
	"github.com/orgplan/orgplan/storage"
)

func newGenCmd(e *env) *cobra.Command {
	var units, branching, posts int
	var seed uint64
	var out string
	cmd := &cobra.Command{
		Use:   "gen [--units N] [--branching B] [--posts P] [--seed S] [-o OUT]",
		Short: "Generate a synthetic organization of any size, for trying orgplan at scale",
		Long: `Write a valid synthetic plan: N units in a tree of the given branching,
P posts per unit, about one member per unit, some posts vacant, some with
candidates, a few members arrested or inactive. The same seed gives the same
plan. Without -o the plan goes to standard output.`,
		Example: "  orgplan gen --units 100000 -o big.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if units < 1 || units > 10_000_000 {
				return fail(exitUsage, "--units must be between 1 and 10000000")
			}
			o := synth.Generate(synth.Options{Units: units, Branching: branching, PostsPerUnit: posts, Seed: seed})
			data, err := storage.Encode(o)
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
			fmt.Fprintf(e.stderr, "wrote %s: %d units, %d bytes\n", out, units, len(data))
			return nil
		},
	}
	cmd.Flags().IntVar(&units, "units", 1000, "how many units")
	cmd.Flags().IntVar(&branching, "branching", 8, "sub-units per unit")
	cmd.Flags().IntVar(&posts, "posts", 3, "posts per unit")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file")
	return cmd
}
