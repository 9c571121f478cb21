package rules

import (
	"fmt"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
)

// TestMessageBounds: a message names at most ten items and says how many
// more, and a finding keeps at most MaxRelated related places: a finding
// about one of thousands of apps sharing a run-as user named and pointed
// at all the others, and the report grew as the square of their number.
func TestMessageBounds(t *testing.T) {
	var items []string
	for i := 0; i < 2000; i++ {
		items = append(items, fmt.Sprintf("App%d", i))
	}
	if got, want := quoteList(items[:2]), `"App0" and "App1"`; got != want {
		t.Errorf("two items: %s", got)
	}
	want := `"App0", "App1", "App2", "App3", "App4", "App5", "App6", "App7", "App8", "App9" and 1990 more`
	if got := quoteList(items); got != want {
		t.Errorf("2,000 items:\n got %s\nwant %s", got, want)
	}
	f := &Finding{}
	for i := 0; i < 2000; i++ {
		f.Also(metadata.Node{Pos: metadata.Pos{File: "f.xml", Line: i + 1, Col: 1}}, "place %d", i)
	}
	if len(f.Related) != MaxRelated || f.Related[MaxRelated-1].Line != MaxRelated {
		t.Errorf("%d related places kept, want the first %d", len(f.Related), MaxRelated)
	}
}
