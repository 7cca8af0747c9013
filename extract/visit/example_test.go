package visit_test

import (
	"fmt"

	"github.com/kronika/kronika/extract/visit"
	"github.com/kronika/kronika/news"
)

// The extraction would come from extract.Extractor.Extract on the same
// text; it is written out here so that the example shows Find alone.
func ExampleFind() {
	text := "Kielecki Park Technologiczny odwiedziła czteroosobowa delegacja z Winnicy. " +
		"Zastępca Mera Winnicy Walerij Korowij i dyrektor KPT Szymon Mazurkiewicz podpisali list intencyjny."
	ex := news.Extraction{
		People: []news.Person{
			{Name: "Walerij Korowij", Mentions: []string{"Walerij Korowij"}, Roles: []string{"Zastępca Mera Winnicy"}},
			{Name: "Szymon Mazurkiewicz", Mentions: []string{"Szymon Mazurkiewicz"}, Roles: []string{"dyrektor KPT"}},
		},
		Institutions: []news.Institution{{Name: "Kielecki Park Technologiczny", Acronym: "KPT",
			Mentions: []string{"Kielecki Park Technologiczny", "KPT"}}},
		Places: []news.Place{{Name: "Winnica", Mentions: []string{"Winnicy"}}, {Name: "Kielce", Mentions: []string{"Kielce"}}},
	}
	for _, v := range visit.Find(text, ex, nil) {
		fmt.Println(v.Kind, v.Visitors, "from", *v.VisitorFrom)
		fmt.Println("hosts", v.Hosts, "in", *v.Place)
		fmt.Printf("%q\n", v.Evidence.Text)
	}
	// Output:
	// visit [Walerij Korowij] from Winnica
	// hosts [Kielecki Park Technologiczny Szymon Mazurkiewicz] in Kielce
	// "Kielecki Park Technologiczny odwiedziła czteroosobowa delegacja z Winnicy."
}
