// Package nereval trains and scores the name tagger of package ner on
// annotated corpora: it reads the IOB files of NKJP1M and KPWr and the
// BIO file of WikiNEuRal, maps their types onto ner's person,
// organisation and place, splits NKJP by document with a seeded hash
// (train, dev, held-out) and KPWr the same way into a half that training
// may read and a held-out half, and scores exact spans with their types.
// WikiNEuRal (CC BY-NC-SA, silver labels) is read to evaluate only.
//
// Type maps (what the tagger learns and is scored on):
//   - NKJP: persName → person (the outer span: its forename, surname and
//     addName parts are inside it), orgName → organisation, placeName-*
//     and geogName → place (NKJP's geogName holds streets, squares and
//     buildings too); date, time, and parts of a name found without the
//     name (derived adjectives such as "Tołstojowskiej") → none.
//   - KPWr n82: nam_liv_person → person; nam_org_* except nam_org_nation
//     (a people, not an institution) → organisation; nam_loc_* → place;
//     facilities (nam_fac_*: roads, buildings, squares, parks, bridges)
//     → none by default, or place with Options.KPWrFacilities, which is
//     closer to NKJP's geogName; everything else → none.
//   - WikiNEuRal: PER → person, ORG → organisation, LOC → place, MISC →
//     none.
package nereval
