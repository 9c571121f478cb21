package metadata

import (
	"fmt"
	"strings"
	"testing"
)

func ncIndex(names ...string) *Index {
	var models []Model
	for _, n := range names {
		models = append(models, &NamedCredential{Meta: Meta{Kind: KindNamedCredential, Name: n, RootAt: &Anchor{key: n + ".xml", line: 1, col: 1}}})
	}
	return NewIndex(models)
}

// TestNearNamedCredential: a typo of a letter or two (any case) is
// suggested, the first of the nearest; a name of the same family is not;
// and the work stays within its budget.
func TestNearNamedCredential(t *testing.T) {
	ix := ncIndex("Orders_API", "Orders_APIs", "Invoices_Prod", "Billing_Service", "Erp")
	for _, c := range []struct{ name, want string }{
		{"Order_API", "Orders_API"},
		{"ORDERS_APX", "Orders_API"},
		{"Ordres_API", "Orders_API"},
		{"Orders_APIS_", "Orders_APIs"},
		{"Invoices_Sbx", ""},
		{"Billing_Servce", "Billing_Service"},
		{"Erq", "Erp"},
		{"Crq", ""}, // two letters of three
		{strings.Repeat("A", 81), ""},
	} {
		nc, spent := ix.NearNamedCredential(c.name, 1_000_000)
		got := ""
		if nc != nil {
			got = nc.Name
		}
		if got != c.want {
			t.Errorf("%s: suggested %q, want %q", c.name, got, c.want)
		}
		if want := min(len(c.name), 80) * 52; len(c.name) <= 80 && spent != want || len(c.name) > 80 && spent != 0 {
			t.Errorf("%s: spent %d, want %d (its length times the names' bytes)", c.name, spent, want)
		}
	}
	// past the budget: nothing is compared, nothing spent
	if nc, spent := ix.NearNamedCredential("Order_API", 10); nc != nil || spent != 0 {
		t.Errorf("over the budget: %v, spent %d", nc, spent)
	}
	// many credentials, many missing names: the budget ends the suggestions
	var many []string
	for i := range 5000 {
		many = append(many, fmt.Sprintf("Credential_Number_%05d", i))
	}
	big := ncIndex(many...)
	const budget = 50_000_000
	cost := len("Missing_Name_00000") * 5000 * len("Credential_Number_00000")
	left, spending := budget, 0
	for i := range 5000 {
		_, spent := big.NearNamedCredential(fmt.Sprintf("Missing_Name_%05d", i), left)
		if spent > 0 {
			spending++
		}
		if spent != 0 && spent != cost {
			t.Fatalf("call %d spent %d, want the whole cost %d or nothing", i, spent, cost)
		}
		left -= spent
	}
	if left < 0 || spending != budget/cost {
		t.Errorf("%d calls spent the budget (%d left), want %d", spending, left, budget/cost)
	}
}
