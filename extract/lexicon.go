package extract

import (
	"strings"

	"github.com/kronika/kronika/polish"
)

// Given names, by gender. A male name written "Marek:Mark" gives the stem
// its other cases are built on (Marka, Markiem); "Jerzy:*" declines like an
// adjective (Jerzego, Jerzemu).
const maleNames = `
Adam Adrian Albert Aleksander:Aleksandr Aleksy:* Alfred Ambroży:* Andrzej Antoni:* Arkadiusz Artur August Bartłomiej Bartosz
Benedykt Bernard Błażej Bogdan Bogumił Bogusław Bolesław Borys Bronisław Cezary:* Czesław Damian Daniel Dariusz
Dawid Dominik Edmund Edward Emil Eryk Eugeniusz Fabian Feliks Filip Florian Franciszek:Franciszk Fryderyk Gabriel
Gerard Grzegorz Gustaw Henryk Hubert Ignacy:* Igor Ireneusz Jacek:Jack Jakub Jan Janusz Jarosław Jerzy:* Jędrzej
Joachim Józef Julian Juliusz Kacper:Kacpr Kajetan Kamil Karol Kazimierz Konrad Konstanty:* Krystian Krzysztof Ksawery:*
Leon Leszek:Leszk Lech Leopold Lucjan Ludwik Łukasz Maciej Maksymilian Marcel Marcin Marek:Mark Marian Mariusz Mateusz
Maurycy:* Michał Mieczysław Mikołaj Miłosz Mirosław Nikodem Norbert Oskar Patryk Paweł:Pawł Piotr Przemysław Radosław
Rafał Remigiusz Robert Roman Romuald Ryszard Sebastian Sławomir Stanisław Stefan Szczepan Szymon Tadeusz Teodor
Tomasz Tymoteusz Wacław Waldemar Walenty:* Wiesław Wiktor Wincenty:* Witold Władysław Włodzimierz Wojciech Zbigniew
Zdzisław Zenon Zygmunt Emanuel Hieronim Kornel Oliwer Olaf Tobiasz Cyprian Dobromir Eligiusz Dionizy:* Lesław
Bogumił Zbysław Jacenty:* Wawrzyniec:Wawrzyńc Ludomir Mścisław Radomir Sylwester:Sylwestr Teofil Tytus Wit Zenobiusz
Alojzy:* Benon Bonifacy:* Ernest Gracjan Herbert Iwo Jeremi:* Kryspin Lechosław Longin Lucjan Marceli:* Rajmund
Seweryn Stanisław Tymon Witosław Wiesław Władimir Wołodymyr Siergiej Sergiej Serhij Walerij Mychajło Ołeksandr Oleksandr
Andrij Jurij Dmitrij Dmytro Aleksandr Aleksiej Iwan Nikołaj Witalij Anatolij Wasyl Petro Taras Bohdan Jewgienij Oleg
Ihor Wadim Walentin Konstantin Giennadij Gienadij Michaił Pawło Wołodymir Ołeh Mykoła Wiaczesław Fiodor Jarosław Leonid
John Michael David Peter Paul Mark Thomas Hans Klaus Jochen Franz Jürgen Wolfgang Helmut Dieter Günter Günther Karl
Heinz Frank Franck Hendrik Caspar Ton Kees Pieter Willem Joost Jean Pierre Jacques Michel François Frédéric Philippe
Hugues Olivier Nicolas Laurent Yves Luc Marc Alain Patrick Christophe Sébastien Didier Guy Gérard Bruno Hugo Mario
Giuseppe Giovanni Luca Marco Paolo Antonio José Juan Carlos Manuel Miguel Pedro Jorge Luis Pablo Boris George James
William Richard Charles Joseph Matthew Andrew Donald Joe Barack Jens Lars Nils Sven Erik Anders Henrik Mikael Matti
Juha Viktor Tomas Vytautas Algirdas Gitanas Jānis Arnold Horst Gerhard Manfred Rainer Uwe Ulrich Werner Bernd Markus
Matthias Stephan Andreas Christian Martin Sebastian Tobias Florian Philipp Alexander Maximilian Emmanuel Xavier
Ignazio Sergio Stefano Alessandro Francesco Roberto Giorgio Dario Vladimir Volodymyr Sergey Sergei Dmitry Alexei
Mikhail Ivan Nikolai Andriy Petr Václav Miloš Jiří Pavel Zoltán Viktor László János Péter Gábor Attila Sándor
Ilir Edi Aleksandar Milan Dragan Goran Zoran Nikola Tibor Robert Rudolf Sigmund Otto Kurt Walter Wilhelm Friedrich
Ludwig Georg Johann Johannes Jakob Josef Anton Max Moritz Konstantinos Georgios Dimitris Nikos Recep Ahmet Mehmet
Mustafa Ali Mohammed Muhammad Ahmed Omar Hassan Benjamin Ehud Shimon Yitzhak Narendra Shinzo
Steven Stephen Kevin Brian Edward Ronald Anthony Kenneth Jason Jeffrey Ryan Gary Timothy Larry Scott Eric Jonathan Justin
Brandon Gregory Samuel Frank Raymond Patrick Jack Dennis Jerry Tyler Aaron Henry Douglas Nathan Adam Zachary Walter Kyle Harold
Carl Jeremy Keith Roger Gerald Ethan Arthur Terry Christopher Lawrence Sean Austin Jesse Dylan Bryan Billy Bruce Jordan
Ralph Roy Noah Eugene Wayne Louis Philip Bobby Johnny Randy Howard Vincent Alan Lewis Neil Hugh Colin Graham Ian Nigel
Simon Tony Trevor Stuart Gordon Duncan Angus Liam Connor Declan Ciaran Sean Elon Bill Tom Tim Jim Mike Nick Rob Ben Sam
Emmanuel Lionel Gilles Thierry Henri Antoine Julien Mathieu Vincent Benoît Dominique Arnaud Régis Rémi Yannick Jérôme Cédric
Fabien Ludovic Maxime Nicolas Raphaël Sylvain Xavier Étienne Gaston Marcel Maurice Raymond René Roland Serge
Hartmut Lothar Dietmar Gunther Joachim Jörg Kai Lukas Niklas Norbert Olaf Rolf Sven Thorsten Volker Winfried Armin Olaf Frank-Walter
Enrico Fabio Gianni Luigi Massimo Matteo Pietro Renzo Salvatore Silvio Vittorio Mateo Diego Javier Alejandro Fernando Rafael Ramón
Sergio Andrés Ricardo Eduardo Gonzalo Iñigo Jordi Xavi Pau Joan Jaume Rui João Nuno Tiago Vítor Luís Cristiano
Jaroslav Vladimír Ladislav Milan Miroslav Petr Tomáš Zdeněk Marek Lubomír Rastislav Róbert Zoran Igor Bojan Luka Marko
Andrius Arūnas Darius Gintautas Mindaugas Rimantas Valdas Juris Māris Raimonds Toomas Kersti Kaja Urmas Jüri Jaan
Aleksandr Anatolij Arkadij Borys Dmitrij Fiodor Gieorgij Grigorij Jewgienij Konstantin Leonid Maksim Nikita Oleg Pawieł
Piotr Roman Siemion Stanisław Timofiej Wadim Walentin Wasilij Wiktor Władysław Witalij Jurij Ołeksij Wołodymyr Bohdan Denys
Jewhen Kyryło Mykyta Ostap Petro Rusłan Serhij Stepan Taras Wasyl Witalij Jarosław Andrzej Aleksij Walery Waleryj Hryhorij
`

const femaleNames = `
Ada Adela Agata Agnieszka Aldona Aleksandra Alicja Alina Amelia Anastazja Aneta Aniela Anita Anna Antonina Barbara
Beata Bernadeta Bogumiła Bogusława Bożena Bronisława Celina Czesława Danuta Daria Dominika Dorota Edyta Elżbieta Emilia
Ewa Ewelina Felicja Gabriela Grażyna Halina Hanna Helena Henryka Ilona Irena Iwona Izabela Jadwiga Janina Joanna Jolanta
Józefa Julia Justyna Kamila Karolina Katarzyna Kinga Klaudia Krystyna Laura Lena Leokadia Lidia Liliana Lucyna Ludmiła
Łucja Magdalena Maja Małgorzata Maria Marianna Marta Marzena Maryla Michalina Mirosława Monika Natalia Nikola Oliwia Olga
Patrycja Paula Paulina Regina Renata Roksana Róża Sabina Sandra Stanisława Stefania Sylwia Tamara Teresa Urszula Wanda
Weronika Wiesława Wiktoria Zdzisława Zofia Zuzanna Żaneta Iga Ida Ksenia Adrianna Genowefa Marlena Jagoda Milena
Dagmara Aurelia Wioletta Wioleta Violetta Kornelia Luiza Malwina Martyna Nina Sara Zenona Eliza Honorata Irmina Emila
Aleksandra Bogna Dobrosława Eugenia Franciszka Gertruda Hildegarda Jarosława Kazimiera Lilianna Ludwika Magda Mariola
Marzanna Matylda Otylia Pelagia Rozalia Stella Sylwana Teodora Wacława Władysława Zyta Żaklina Hanka Ola Kasia
Angela Malu Marie Anne Sophie Catherine Isabelle Nathalie Claire Christine Ursula Annalena Sabine Petra Heike
Margarethe Elisabeth Theresa Mary Elizabeth Sarah Emma Hillary Kamala Nancy Jill Giorgia Olena Ołena Tetiana Tetiana
Swiatłana Swietłana Switłana Oksana Irina Iryna Jelena Kaja Ingrid Astrid Kristina Dalia Julija Juliia Ljudmila
Valentina Walentyna Jekaterina Tatiana Tatiana Tatiana Nadieżda Nadija Ołeksandra Halyna Ulrike Andrea Simone
Francesca Chiara Giulia Federica Roberta Marine Ségolène Brigitte Martine Sylvie Valérie Anke Birgit Gabriele
Ilse Ingeborg Karin Katrin Manuela Susanne Svenja Ursula Věra Jana Zuzana Lucie Katalin Judit Ilona Mette Sanna
Jacinda Theresa Margaret Roberta Kaja Ewa Dana Nicola Mette Sanna Viola Leyla Rachel Hannah Rebecca Jessica Emily
Patricia Jennifer Linda Barbara Susan Karen Lisa Betty Helen Sandra Donna Carol Ruth Sharon Michelle Laura Kimberly Deborah
Amy Angela Melissa Brenda Anna Pamela Nicole Samantha Katherine Christina Debra Rachel Carolyn Janet Virginia Maria Heather
Diane Julie Joyce Victoria Kelly Lauren Joan Evelyn Olivia Judith Megan Cheryl Martha Andrea Frances Hannah Jacqueline Ann
Gloria Jean Kathryn Alice Teresa Doris Sara Janice Julia Marie Madison Grace Judy Theresa Beverly Denise Marilyn Amber
Danielle Rose Brittany Diana Abigail Natalie Jane Lori Alexis Tiffany Kayla Naomi Yoko Céline Chloé Camille Léa Manon
Inès Juliette Élodie Aurélie Émilie Hélène Isabelle Mathilde Océane Pauline Sophie Valentine Agnès Anaïs Monique Nadine
Françoise Geneviève Jacqueline Danielle Gisèle Jeanne Josiane Odile Simone Yvonne Ursula Angelika Birgit Claudia Doris
Franziska Gudrun Hannelore Jutta Katja Kerstin Luise Marlene Renate Silke Tanja Ute Waltraud Alessandra Alessia Elena
Federica Gabriella Ilaria Lucia Marta Paola Silvia Valeria Carmen Dolores Esperanza Lucía Mercedes Pilar Rocío Inés
Jelena Milica Ivana Tijana Dragana Petra Lenka Kateřina Hana Eva Markéta Tereza Veronika Zuzana Dagmar Oksana Olha
Natalija Switłana Tetiana Walentyna Ludmyła Łarysa Nadija Iryna Hałyna Marija Anastasija Wiera Nadieżda Ludmiła Jelena
`

// nameInfo describes a given name.
type nameInfo struct {
	lemma  string
	gender polish.Gender // polish.Masculine or polish.F
	stem   string
	adj    bool
}

// givenNames maps a lower-case given name to its description;
// givenOrder lists the keys in the order of the tables, Polish names
// first, so that ambiguous forms (Marka: Marek or Mark) resolve the same
// way every time.
var givenNames, givenOrder = func() (map[string]nameInfo, []string) {
	m := make(map[string]nameInfo, 900)
	var order []string
	for _, w := range strings.Fields(maleNames) {
		lemma, stem, _ := strings.Cut(w, ":")
		ni := nameInfo{lemma: lemma, gender: polish.Masculine}
		switch stem {
		case "*":
			ni.adj = true
		case "":
		default:
			ni.stem = stem
		}
		if _, dup := m[strings.ToLower(lemma)]; dup {
			continue // the first entry, with its stem, wins
		}
		order = append(order, strings.ToLower(lemma))
		m[strings.ToLower(lemma)] = ni
	}
	for _, w := range strings.Fields(femaleNames) {
		if _, ok := m[strings.ToLower(w)]; ok {
			continue
		}
		m[strings.ToLower(w)] = nameInfo{lemma: w, gender: polish.F}
		order = append(order, strings.ToLower(w))
	}
	return m, order
}()

// titleForm is what a title shows of the name after it: its case and
// its gender, each 0 when the title does not tell (dr, prof).
type titleForm struct {
	gcase  polish.Case
	gender polish.Gender
}

// titles are honorifics written before a name and not part of it, with
// the case and gender they show.
var titles = map[string]titleForm{
	"pan": {polish.Nom, polish.Masculine}, "pana": {polish.Gen, polish.Masculine}, "panu": {polish.Dat, polish.Masculine}, "panem": {polish.Inst, polish.Masculine}, "panie": {polish.Loc, polish.Masculine},
	"pani": {0, polish.F}, "panią": {polish.Acc, polish.F},
	"dr": {0, 0}, "dra": {polish.Gen, polish.Masculine}, "drem": {polish.Inst, polish.Masculine}, "doktor": {0, 0}, "hab": {0, 0}, "prof": {0, 0}, "profesor": {0, 0},
	"mgr": {0, 0}, "inż": {0, 0}, "ks": {0, polish.Masculine}, "ksiądz": {polish.Nom, polish.Masculine}, "księdza": {polish.Gen, polish.Masculine}, "abp": {0, polish.Masculine}, "bp": {0, polish.Masculine},
	"gen": {0, polish.Masculine}, "płk": {0, polish.Masculine}, "mec": {0, 0}, "doc": {0, 0}, "lek": {0, 0}, "med": {0, 0},
	"ekscelencja": {polish.Nom, 0}, "ekscelencji": {polish.Gen, 0}, "kard": {0, polish.Masculine}, "o": {0, polish.Masculine}, "s": {0, polish.F}, "siostra": {polish.Nom, polish.F},
	"mjr": {0, polish.Masculine}, "kpt": {0, polish.Masculine}, "por": {0, polish.Masculine}, "st": {0, 0}, "asp": {0, 0}, "sierż": {0, 0}, "red": {0, 0},
	"fot": {polish.Nom, 0}, "autor": {polish.Nom, 0}, "autorka": {polish.Nom, polish.F},
	"im": {polish.Gen, 0}, "imienia": {polish.Gen, 0}, "św": {polish.Gen, 0},
}

// roleTable lists the words that name a function held by a person, with
// their inflected forms: lemma, gender, then forms by case
// (genitive, dative, accusative, instrumental, locative).
const roleTable = `
marszałek m marszałka marszałkowi marszałka marszałkiem marszałku
wojewoda m wojewody wojewodzie wojewodę wojewodą wojewodzie
prezydent m prezydenta prezydentowi prezydenta prezydentem prezydencie
burmistrz m burmistrza burmistrzowi burmistrza burmistrzem burmistrzu
wójt m wójta wójtowi wójta wójtem wójcie
starosta m starosty staroście starostę starostą staroście
minister m ministra ministrowi ministra ministrem ministrze
premier m premiera premierowi premiera premierem premierze
poseł m posła posłowi posła posłem pośle
posłanka f posłanki posłance posłankę posłanką posłance
senator m senatora senatorowi senatora senatorem senatorze
radny m radnego radnemu radnego radnym radnym
radna f radnej radnej radną radną radnej
ambasador m ambasadora ambasadorowi ambasadora ambasadorem ambasadorze
konsul m konsula konsulowi konsula konsulem konsulu
rektor m rektora rektorowi rektora rektorem rektorze
prorektor m prorektora prorektorowi prorektora prorektorem prorektorze
dziekan m dziekana dziekanowi dziekana dziekanem dziekanie
dyrektor m dyrektora dyrektorowi dyrektora dyrektorem dyrektorze
dyrektorka f dyrektorki dyrektorce dyrektorkę dyrektorką dyrektorce
zastępca m zastępcy zastępcy zastępcę zastępcą zastępcy
kierownik m kierownika kierownikowi kierownika kierownikiem kierowniku
prezes m prezesa prezesowi prezesa prezesem prezesie
przewodniczący m przewodniczącego przewodniczącemu przewodniczącego przewodniczącym przewodniczącym
przewodnicząca f przewodniczącej przewodniczącej przewodniczącą przewodniczącą przewodniczącej
sekretarz m sekretarza sekretarzowi sekretarza sekretarzem sekretarzu
podsekretarz m podsekretarza podsekretarzowi podsekretarza podsekretarzem podsekretarzu
skarbnik m skarbnika skarbnikowi skarbnika skarbnikiem skarbniku
członek m członka członkowi członka członkiem członku
naczelnik m naczelnika naczelnikowi naczelnika naczelnikiem naczelniku
komendant m komendanta komendantowi komendanta komendantem komendancie
sołtys m sołtysa sołtysowi sołtysa sołtysem sołtysie
proboszcz m proboszcza proboszczowi proboszcza proboszczem proboszczu
biskup m biskupa biskupowi biskupa biskupem biskupie
arcybiskup m arcybiskupa arcybiskupowi arcybiskupa arcybiskupem arcybiskupie
ordynariusz m ordynariusza ordynariuszowi ordynariusza ordynariuszem ordynariuszu
kardynał m kardynała kardynałowi kardynała kardynałem kardynale
gubernator m gubernatora gubernatorowi gubernatora gubernatorem gubernatorze
mer m mera merowi mera merem merze
delegat m delegata delegatowi delegata delegatem delegacie
przedstawiciel m przedstawiciela przedstawicielowi przedstawiciela przedstawicielem przedstawicielu
przedstawicielka f przedstawicielki przedstawicielce przedstawicielkę przedstawicielką przedstawicielce
dziennikarz m dziennikarza dziennikarzowi dziennikarza dziennikarzem dziennikarzu
dziennikarka f dziennikarki dziennikarce dziennikarkę dziennikarką dziennikarce
redaktor m redaktora redaktorowi redaktora redaktorem redaktorze
psycholog m psychologa psychologowi psychologa psychologiem psychologu
wolontariusz m wolontariusza wolontariuszowi wolontariusza wolontariuszem wolontariuszu
działacz m działacza działaczowi działacza działaczem działaczu
koordynator m koordynatora koordynatorowi koordynatora koordynatorem koordynatorze
rzecznik m rzecznika rzecznikowi rzecznika rzecznikiem rzeczniku
pełnomocnik m pełnomocnika pełnomocnikowi pełnomocnika pełnomocnikiem pełnomocniku
doradca m doradcy doradcy doradcę doradcą doradcy
ekspert m eksperta ekspertowi eksperta ekspertem ekspercie
trener m trenera trenerowi trenera trenerem trenerze
kapitan m kapitana kapitanowi kapitana kapitanem kapitanie
prokurator m prokuratora prokuratorowi prokuratora prokuratorem prokuratorze
sędzia m sędziego sędziemu sędziego sędzią sędzi
kanclerz m kanclerza kanclerzowi kanclerza kanclerzem kanclerzu
król m króla królowi króla królem królu
królowa f królowej królowej królową królową królowej
papież m papieża papieżowi papieża papieżem papieżu
mistrz m mistrza mistrzowi mistrza mistrzem mistrzu
szef m szefa szefowi szefa szefem szefie
szefowa f szefowej szefowej szefową szefową szefowej
właściciel m właściciela właścicielowi właściciela właścicielem właścicielu
założyciel m założyciela założycielowi założyciela założycielem założycielu
komisarz m komisarza komisarzowi komisarza komisarzem komisarzu
inspektor m inspektora inspektorowi inspektora inspektorem inspektorze
architekt m architekta architektowi architekta architektem architekcie
artysta m artysty artyście artystę artystą artyście
aktor m aktora aktorowi aktora aktorem aktorze
aktorka f aktorki aktorce aktorkę aktorką aktorce
pisarz m pisarza pisarzowi pisarza pisarzem pisarzu
poeta m poety poecie poetę poetą poecie
historyk m historyka historykowi historyka historykiem historyku
profesor m profesora profesorowi profesora profesorem profesorze
nauczyciel m nauczyciela nauczycielowi nauczyciela nauczycielem nauczycielu
nauczycielka f nauczycielki nauczycielce nauczycielkę nauczycielką nauczycielce
lekarz m lekarza lekarzowi lekarza lekarzem lekarzu
prymas m prymasa prymasowi prymasa prymasem prymasie
rzeczniczka f rzeczniczki rzeczniczce rzeczniczkę rzeczniczką rzeczniczce
sekretarka f sekretarki sekretarce sekretarkę sekretarką sekretarce
kierowniczka f kierowniczki kierowniczce kierowniczkę kierowniczką kierowniczce
prezeska f prezeski prezesce prezeskę prezeską prezesce
burmistrzyni f burmistrzyni burmistrzyni burmistrzynię burmistrzynią burmistrzyni
komendantka f komendantki komendantce komendantkę komendantką komendantce
`

// roleForm is one inflected form of a role word.
type roleForm struct {
	lemma  string
	gender polish.Gender
	gcase  polish.Case
}

// roleForms maps every form of a role word (lower case) to its readings;
// an ambiguous form (marszałka: genitive or accusative) keeps the first.
var roleForms = func() map[string]roleForm {
	m := make(map[string]roleForm, 800)
	for line := range strings.SplitSeq(roleTable, "\n") {
		f := strings.Fields(line)
		if len(f) != 7 {
			continue
		}
		lemma, g := f[0], tableGender(f[1][0])
		// every function has its deputy: mer → wicemer
		prefixes := []string{""}
		if !strings.HasPrefix(lemma, "wice") {
			prefixes = append(prefixes, "wice")
		}
		for _, p := range prefixes {
			if _, ok := m[p+lemma]; !ok {
				m[p+lemma] = roleForm{lemma: p + lemma, gender: g, gcase: polish.Nom}
			}
			for i, c := range obliqueCases {
				if _, ok := m[p+f[2+i]]; !ok {
					m[p+f[2+i]] = roleForm{lemma: p + lemma, gender: g, gcase: c}
				}
			}
		}
	}
	return m
}()

// nameParticles are the lower-case parts of foreign surnames (Caspar ten
// Dam, Ludwig van Beethoven).
var nameParticles = map[string]bool{"ten": true, "van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "du": true, "del": true, "della": true, "la": true, "le": true, "al": true, "el": true, "bin": true, "ter": true, "zu": true, "dos": true, "das": true}
