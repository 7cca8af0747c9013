package api

import (
	"testing"
	"time"
)

func TestPolishPlural(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0\u00a0wyników"},
		{1, "1\u00a0wynik"},
		{2, "2\u00a0wyniki"},
		{3, "3\u00a0wyniki"},
		{4, "4\u00a0wyniki"},
		{5, "5\u00a0wyników"},
		{11, "11\u00a0wyników"},
		{12, "12\u00a0wyników"},
		{13, "13\u00a0wyników"},
		{14, "14\u00a0wyników"},
		{21, "21\u00a0wyników"},
		{22, "22\u00a0wyniki"},
		{24, "24\u00a0wyniki"},
		{25, "25\u00a0wyników"},
		{101, "101\u00a0wyników"},
		{102, "102\u00a0wyniki"},
		{112, "112\u00a0wyników"},
		{1004, "1004\u00a0wyniki"},
		{12345, "12\u00a0345\u00a0wyników"},
		{1000002, "1\u00a0000\u00a0002\u00a0wyniki"},
	}
	for _, tt := range tests {
		if got := count(tt.n, nounResult); got != tt.want {
			t.Errorf("count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := count(22, nounVisit); got != "22\u00a0wizyty" {
		t.Errorf("22 visits: %q", got)
	}
}

func TestPolishDates(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"day", polishDay(time.Date(2014, 12, 18, 0, 0, 0, 0, time.UTC)), "18\u00a0grudnia 2014"},
		{"time", polishTime(time.Date(2024, 3, 1, 9, 5, 0, 0, time.UTC)), "1\u00a0marca 2024, 09:05"},
		{"month", polishMonth("2014-12"), "grudzień 2014"},
		{"not a month", polishMonth("2014"), "2014"},
		{"one day", polishDays("2014-12-18", "2014-12-18"), "18\u00a0grudnia 2014"},
		{"days of a month", polishDays("2014-12-18", "2014-12-19"), "18–19\u00a0grudnia 2014"},
		{"across months", polishDays("2014-11-30", "2014-12-02"), "30\u00a0listopada – 2\u00a0grudnia 2014"},
		{"across years", polishDays("2014-12-30", "2015-01-02"), "30\u00a0grudnia 2014 – 2\u00a0stycznia 2015"},
		{"no end", polishDays("2014-12-18", ""), "18\u00a0grudnia 2014"},
		{"undated", polishDays("", ""), "bez daty"},
		{"ISO day", polishISODay("2015-05-01"), "1\u00a0maja 2015"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
