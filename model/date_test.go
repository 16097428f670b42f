package model_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
)

// ValidDate reads digits itself; it must agree with time.Parse.
func TestValidDateAgreesWithTimeParse(t *testing.T) {
	t.Parallel()
	cases := []string{"", "1902-10-01", "1902-02-29", "1904-02-29", "2000-02-29", "1900-02-29",
		"1902-13-01", "1902-00-10", "1902-01-00", "1902-01-32", "1902-04-31", "1902-4-01",
		"19o2-01-01", "1902/01/01", "1902-01-01 ", "+902-01-01", "0000-01-01", "9999-12-31"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		cases = append(cases, fmt.Sprintf("%04d-%02d-%02d", r.IntN(3000), r.IntN(14), r.IntN(33)))
	}
	for _, s := range cases {
		_, err := time.Parse(model.DateLayout, s)
		if got := model.ValidDate(s); got != (err == nil) {
			t.Errorf("ValidDate(%q) = %v, time.Parse says %v", s, got, err)
		}
	}
}
