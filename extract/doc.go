// Package extract finds people, institutions, places and dates in Polish
// news text and gives each one its canonical base form: the nominative
// "Firstname Lastname" of a person without titles, the nominative full name
// of an institution with its acronym, the nominative name of a place, and
// ISO start and end days for every calendar date or range.
//
// The extractor works on rules and word lists of its own (months, titles,
// roles, institution head nouns, given names with their gender, a
// gazetteer of places, declension endings) and on the Polish lemma
// dictionary of package polish (first names and surnames, place names,
// common words), so it needs no model and runs at several megabytes of
// text per second. It is robust to the artifacts
// that scraped pages carry: repeated lead paragraphs, words glued at a lost
// line break, missing spaces after periods, odd dashes and non-breaking
// spaces.
//
// Identity across articles rests on Key, a case- and diacritic-normalised
// form of a canonical name, and on an alias file (see LoadAliases and
// README.md) that operators edit to merge or rename entities.
package extract
