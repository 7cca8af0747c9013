package analysis

import "sync"

// stopwords are Polish function words left out of the "pl" and
// "pl_folded" fields: prepositions, conjunctions, particles and pronouns
// that match almost every article. Content words, including the forms of
// być and mieć, stay searchable. The "exact" field keeps every word.
var stopwords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		// prepositions
		"w", "we", "z", "ze", "na", "do", "od", "o", "u", "po", "przy", "przez", "dla", "za",
		"pod", "nad", "przed", "między", "bez", "ku", "oraz", "wobec", "około", "spod", "znad",
		"zza", "sprzed", "poprzez", "wśród", "według", "dzięki", "mimo", "obok", "wokół",
		// conjunctions
		"i", "a", "ale", "lub", "albo", "czy", "ani", "bo", "że", "żeby", "aby", "by", "gdy",
		"jeśli", "jeżeli", "lecz", "więc", "zatem", "bądź", "ponieważ", "choć", "chociaż",
		"gdyż", "oraz", "niż", "jak", "jakby", "tylko", "także", "również", "też", "jednak",
		// particles
		"nie", "się", "już", "jeszcze", "no", "tak", "to", "tu", "tam", "nawet", "właśnie",
		"tylko", "aż", "ż", "li", "niech", "oto", "ani",
		// pronouns and determiners
		"ja", "ty", "on", "ona", "ono", "my", "wy", "oni", "one", "mnie", "mi", "mną", "cię",
		"ciebie", "ci", "tobie", "tobą", "go", "jego", "niego", "mu", "jemu", "niemu", "nim",
		"ją", "jej", "niej", "nią", "nas", "nam", "nami", "was", "wam", "wami", "ich", "nich",
		"im", "nimi", "sobie", "siebie", "sobą", "ten", "ta", "te", "tego", "tej", "temu",
		"tym", "tę", "tą", "tych", "tymi", "który", "która", "które", "którego", "której",
		"któremu", "którym", "którą", "których", "którymi", "co", "czego", "czemu", "czym",
		"kto", "kogo", "komu", "kim", "swój", "swoja", "swoje", "swojego", "swojej", "swoim",
		"swoją", "swoich", "swoimi", "jaki", "jaka", "jakie", "jakiego", "jakiej", "jakim",
		"jakich",
	} {
		m[w] = true
	}
	return m
})
