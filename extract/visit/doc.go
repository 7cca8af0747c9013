// Package visit finds the visits and meetings a Polish news text reports:
// who came, from where, whom they met, where and when. It is a stage after
// entity extraction: it reads the text with the canonical names of the
// extraction's people, institutions and places and its resolved dates,
// locating each by the forms the extraction saw, so it keeps working as
// the entity rules change. What the extraction may miss it reads itself:
// the roles written next to a name (Jiří Novotný, wicehejtman kraju
// Wysoczyna) and a unit abroad with its undeclined name (kraj Wysoczyna,
// hrabstwo Kent).
//
// A sentence is read in three steps. Trigger words are found by their
// lemmas in the dictionary of package polish (wizyta, odwiedzić,
// przyjechać, przybyć, przebywać, gościć, gość, delegacja, przyjąć and
// podejmować with a person as object, złożyć wizytę, spotkać się z,
// rozmowy z, gospodarz). The parties of the sentence (names, and nouns such as
// delegacja z Winnicy or zastępca prezydenta) get their part from their
// case and what governs them: the subject agreeing with the verb, the
// object, "z" with the instrumental, "u", "do", "w" with a venue, the
// genitive of a noun. Then the frame rules (frameRules, an ordered list)
// put each party on the side of the guests or of the hosts, and the slot
// rules add the place, the dates and whether the event is planned.
//
// The story rules (storyRules) then work on the records of the whole
// text: a subject left out is the one before, an official named by
// function is the person with that role or the speaker quoted next,
// sentences that go on with a visit join its record (who took part, who
// led the delegation, who hosted it, the meeting's day), "W pierwszym
// dniu" of a dated visit is its first day, one visit told in several
// sentences is one record while parts with their own day, place or host
// stay apart, delegations of several origins make a record each, and
// people whose roles name the guests' town or the host join their side.
// Words that only refer to a visit (sprawozdanie z wizyty, od wizyty,
// program wizyty) and tallies of many delegations make no record.
//
// The definitions follow the annotation guidelines of the news-dev visit
// gold (shared/data/news-dev/visits/GUIDELINES.md); package visiteval
// scores the records with their scorer's measure.
package visit
