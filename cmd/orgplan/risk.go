package main

import (
	"github.com/spf13/cobra"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/export"
)

func newRiskCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "risk [--format text|json] FILE",
		Short: "Rank the members by what their loss alone would do to the organization",
		Long: `Simulate the removal of each active member alone (as 'orgplan simulate
--remove' does) and rank them by the damage: one for each post that had a
holder and is left with none, one for each unit left with no active
member, one for each unit cut off from the center. Members whose removal
does no damage are not listed; ties are in id order.`,
		Example: "  orgplan risk plan.json\n  orgplan risk --format json plan.json",
		Args:    exactArg("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fail("unknown format %q (text, json)", format)
			}
			o, err := loadPlan(e, args[0])
			if err != nil {
				return err
			}
			if err := export.RiskReport(e.stdout, format, args[0], o, model.Risks(o)); err != nil {
				return fail("%v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}
