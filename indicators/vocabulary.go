package indicators

import (
	"fmt"
	"strings"
)

// Term is one value of a fixed list of the registry and the templates, with
// the Dutch label reports show.
type Term struct {
	Key   string
	Label string
}

// Vocabulary is a fixed list of values. Values are matched without regard to
// case, and spaces count as underscores ("Eigen middelen" = eigen_middelen).
type Vocabulary struct {
	Name  string // what the list is, in messages ("sector", "NPA theme")
	Terms []Term
}

// Label returns the Dutch label of key, or key itself when unknown.
func (v Vocabulary) Label(key string) string {
	for _, t := range v.Terms {
		if t.Key == key {
			return t.Label
		}
	}
	return key
}

// Keys lists the values in their order.
func (v Vocabulary) Keys() []string {
	out := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		out[i] = t.Key
	}
	return out
}

// Lookup normalises s and returns the key it names.
func (v Vocabulary) Lookup(s string) (string, bool) {
	k := NormKey(s)
	for _, t := range v.Terms {
		if t.Key == k {
			return k, true
		}
	}
	return "", false
}

// Expect is the "expected ..." part of a message.
func (v Vocabulary) Expect() string {
	return "expected one of " + strings.Join(v.Keys(), ", ")
}

// Problem is the message for a value that is not in the list.
func (v Vocabulary) Problem(s string) string {
	return fmt.Sprintf("%s %q unknown; %s", v.Name, s, v.Expect())
}

// NormKey folds a value of a fixed list or a column name as the templates
// and the status file are read: trimmed, lower case, spaces as underscores.
func NormKey(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "_")
}

// The fixed lists of the registry (DESIGN.md §1 and RIVM's factsheet of
// November 2020). Extend a list here, and in examples/accords/accord.schema.json.
var (
	// NPAThemes are the three themes of the Nationaal Preventieakkoord.
	NPAThemes = Vocabulary{"NPA theme", []Term{
		{"roken", "Roken"},
		{"overgewicht", "Overgewicht"},
		{"problematisch_alcoholgebruik", "Problematisch alcoholgebruik"},
	}}
	// Coverages say how far an accord works an NPA theme out (factsheet, Figure 3).
	Coverages = Vocabulary{"coverage", []Term{
		{"uitgebreid", "Komt uitgebreid terug"},
		{"deels", "Komt deels terug"},
		{"niet", "Komt niet terug"},
	}}
	// Themes are the additional themes (factsheet, Table 1, and a few more).
	Themes = Vocabulary{"theme", []Term{
		{"financieel_gezond", "Financieel gezond"},
		{"gezonde_leefomgeving", "Gezonde leefomgeving"},
		{"gezondheidsverschillen", "Gezondheidsverschillen"},
		{"mentale_weerbaarheid", "Mentale weerbaarheid"},
		{"informeren_en_opvoeden", "Informeren en opvoeden"},
		{"netwerk_en_kundigheid_professionals", "Netwerk en kundigheid professionals"},
		{"toegankelijkheid_en_inclusiviteit", "Toegankelijkheid en inclusiviteit"},
		{"middelengebruik", "Overig middelengebruik"},
		{"gezond_ouder_worden", "Gezond ouder worden"},
	}}
	// Sectors of the parties (factsheet, Figure 2).
	Sectors = Vocabulary{"sector", []Term{
		{"zorg", "Zorg"},
		{"welzijn", "Welzijn"},
		{"sport", "Sport"},
		{"onderwijs", "Onderwijs"},
		{"bedrijfsleven", "Bedrijfsleven"},
		{"overheid", "Overheid"},
		{"ggd", "GGD"},
		{"zorgverzekeraar", "Zorgverzekeraar"},
		{"woningcorporatie", "Woningcorporatie"},
		{"inwoners", "Inwoners"},
		{"overig", "Overig"},
	}}
	// Programmes an accord links to.
	Programmes = Vocabulary{"programme", []Term{
		{"sportakkoord", "Sportakkoord"},
		{"positieve_gezondheid", "Positieve Gezondheid"},
		{"kansrijke_start", "Kansrijke Start"},
		{"gezonde_school", "Gezonde School"},
		{"rookvrije_generatie", "Rookvrije Generatie"},
		{"jogg", "JOGG (Jongeren Op Gezond Gewicht)"},
		{"gezond_in_de_stad", "Gezond in de Stad (GIDS)"},
	}}
	// Roles of the municipality.
	Roles = Vocabulary{"role", []Term{
		{"initiatiefnemer", "Initiatiefnemer"},
		{"aanjager", "Aanjager"},
		{"facilitator", "Facilitator"},
		{"samenwerkingspartner", "Samenwerkingspartner"},
		{"regisseur", "Regisseur"},
		{"verbinder", "Verbinder"},
		{"inhoudelijk_betrokken", "Inhoudelijk betrokken"},
		{"opdrachtgever", "Opdrachtgever"},
	}}
	// WorkingMethods are the ways the parties work together.
	WorkingMethods = Vocabulary{"working method", []Term{
		{"stuurgroep", "Stuurgroep"},
		{"thematische_werkgroepen", "Thematische werkgroepen"},
		{"bestuurlijk_overleg", "Bestuurlijk overleg"},
		{"coordinator", "Coördinator"},
		{"bijeenkomsten", "Bijeenkomsten georganiseerd door de gemeente"},
	}}
	// MonitoringLevels of local monitoring.
	MonitoringLevels = Vocabulary{"monitoring level", []Term{
		{"populatie", "Populatieniveau"},
		{"proces", "Procesniveau"},
		{"project", "Projectniveau"},
	}}
	// EHealthUses say how an accord uses eHealth.
	EHealthUses = Vocabulary{"ehealth", []Term{
		{"niet", "Niet genoemd"},
		{"toegepast", "Toegepast (bijv. interventies op een online platform)"},
		{"speerpunt", "Centraal speerpunt"},
	}}
	// Origins say what an accord works out.
	Origins = Vocabulary{"based_on", []Term{
		{"npa", "Lokale uitwerking van het Nationaal Preventieakkoord"},
		{"sportakkoord", "Uitwerking van het Nationaal Sportakkoord"},
		{"eigen", "Eigen aanpak"},
	}}
	// Uitgangspunten are the six starting points an accord should meet
	// (Bestuurlijk Overleg Publieke Gezondheid, 30 January 2020).
	Uitgangspunten = Vocabulary{"uitgangspunt", []Term{
		{"gedeelde_ambitie", "Getekend door partijen met een gezamenlijke ambitie"},
		{"twee_npa_themas", "Tenminste twee thema's uit het NPA"},
		{"publiek_privaat", "Afspraken tussen publieke en private partijen"},
		{"gezondheidsachterstand", "Focus op inwoners/wijken met een gezondheidsachterstand"},
		{"inwoners_betrokken", "Inwoners worden betrokken"},
		{"beweging", "Brengt een beweging op gang"},
	}}
	// Statuses of the VNG map (per gemeente and round).
	Statuses = Vocabulary{"status", []Term{
		{"gesloten", "Gesloten"},
		{"in_voorbereiding", "In voorbereiding"},
		{"verkennen", "Mogelijkheden worden verkend"},
		{"geen_activiteiten", "Geen activiteiten bekend"},
	}}
	// BudgetLines of the process template.
	BudgetLines = Vocabulary{"budgetregel", []Term{
		{"ondersteuningsbudget", "Ondersteuningsbudget (VNG)"},
		{"uitvoeringsbudget", "Uitvoeringsbudget (VWS)"},
		{"eigen_middelen", "Eigen middelen"},
	}}
	// InterventionStatuses of the project template.
	InterventionStatuses = Vocabulary{"status", []Term{
		{"gepland", "Gepland"},
		{"lopend", "Lopend"},
		{"afgerond", "Afgerond"},
		{"gestopt", "Gestopt"},
	}}
	// TargetGroups of the project template.
	TargetGroups = Vocabulary{"doelgroep", []Term{
		{"kinderen", "Kinderen (0-11 jaar)"},
		{"jongeren", "Jongeren (12-17 jaar)"},
		{"jongvolwassenen", "Jongvolwassenen (18-25 jaar)"},
		{"volwassenen", "Volwassenen"},
		{"ouderen", "Ouderen (65+)"},
		{"gezinnen", "Gezinnen en ouders"},
		{"alle_inwoners", "Alle inwoners"},
		{"professionals", "Professionals"},
	}}
	// InterventionThemes are the themes an intervention can serve: the NPA
	// themes, the additional themes, or overig.
	InterventionThemes = Vocabulary{"thema", append(append(append([]Term{}, NPAThemes.Terms...), Themes.Terms...),
		Term{"overig", "Overig"})}
)
