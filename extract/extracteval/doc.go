// Package extracteval scores the extractor against gold data: the
// hand-annotated regional news items of news-dev (people, institutions,
// places and dates in canonical base forms) and the normalised date
// timexes of the KPWr corpus.
//
// The news scoring follows the rules of news-dev's score.py exactly:
// strings are compared after Unicode NFC, case folding, whitespace
// collapsing, unified dashes with the spaces around them removed and
// dropped quotation marks; people and places match on name or alias,
// institutions on name, alias or acronym, dates on (start, end); each gold
// item matches at most once (maximum bipartite matching); optional gold
// items are neither rewarded nor penalised; precision, recall and F1 are
// micro-averaged over articles.
package extracteval
