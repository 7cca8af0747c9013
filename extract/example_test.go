package extract_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/kronika/kronika/extract"
)

func ExampleExtractor_Extract() {
	x, err := extract.New()
	if err != nil {
		panic(err)
	}
	published := time.Date(2015, 1, 8, 13, 52, 0, 0, time.UTC)
	ex := x.Extract("W dniach 18-19 grudnia 2014 r. Samorząd Województwa Mazowieckiego gościł pana Huguesa Labara. "+
		"19 grudnia br. odbyło się spotkanie w Płocku.", &published)
	fmt.Println(ex.PersonNames())
	fmt.Println(ex.InstitutionNames())
	fmt.Println(ex.PlaceNames())
	for _, d := range ex.Dates {
		fmt.Println(d.Text, *d.Start, *d.End)
	}
	// Output:
	// [Hugues Labar]
	// [Samorząd Województwa Mazowieckiego]
	// [województwo mazowieckie Płock]
	// 18-19 grudnia 2014 r. 2014-12-18 2014-12-19
	// 19 grudnia br. 2014-12-19 2014-12-19
}

func ExampleKey() {
	fmt.Println(extract.Key("Płocki Park Przemysłowo – Technologiczny"))
	fmt.Println(extract.Key("PŁOCK") == extract.Key("Plock"))
	// Output:
	// plocki park przemyslowo-technologiczny
	// true
}

func ExampleParseAliases() {
	a, err := extract.ParseAliases(strings.NewReader(`
[institution]
Urząd Marszałkowski Województwa Mazowieckiego = UMWM | Urząd Marszałkowski WM
`), "aliases.txt")
	if err != nil {
		panic(err)
	}
	x, err := extract.New(extract.WithAliases(a))
	if err != nil {
		panic(err)
	}
	ex := x.Extract("Spotkanie odbyło się w siedzibie UMWM.", nil)
	fmt.Println(ex.Institutions[0].Name, ex.Institutions[0].Acronym)
	// Output:
	// Urząd Marszałkowski Województwa Mazowieckiego UMWM
}

func ExampleWithoutTagger() {
	text := "Wcześniej Trumpa krytykowano w Kongresie. Trump odpowiedział."
	rules, err := extract.New(extract.WithoutTagger())
	if err != nil {
		panic(err)
	}
	both, err := extract.New() // rules and the name tagger
	if err != nil {
		panic(err)
	}
	alone, together := rules.Extract(text, nil), both.Extract(text, nil)
	fmt.Println(alone.PersonNames())
	fmt.Println(together.PersonNames())
	// Output:
	// []
	// [Trump]
}

func ExampleBuiltinCanonical() {
	fmt.Println(extract.BuiltinCanonical("places", "Mazowsze"))
	fmt.Println(extract.BuiltinCanonical("institutions", "SLD"))
	fmt.Println(extract.BuiltinCanonical("places", "Płock"))
	// Output:
	// województwo mazowieckie true
	// Sojusz Lewicy Demokratycznej true
	//  false
}

func ExampleInstitutionHead() {
	fmt.Println(extract.InstitutionHead("Urzędu"))
	fmt.Println(extract.InstitutionHead("Orlenu"))
	// Output:
	// urząd true
	//  false
}
