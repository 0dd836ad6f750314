package demo

// Name and place lists for the demonstration database. Postcodes and towns
// are real pairs; people and companies are invented.

var demoLastNames = []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
	"Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
	"Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin",
	"Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin",
	"Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie",
	"Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet",
	"Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin",
	"Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
	"Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez",
	"Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Louis", "Deschamps",
	"Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Paris", "Poirier", "Marty",
	"Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly",
	"Hervé", "Schneider", "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot",
	"Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque",
	"Benali", "Haddad", "Nguyen", "Diallo", "Traoré", "Kowalski", "Ferreira", "Da Silva", "Rossi", "Dekeyser", "Vandamme"}

var demoWomen = []string{"Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sophie", "Christine", "Céline", "Sandrine",
	"Valérie", "Julie", "Aurélie", "Émilie", "Camille", "Léa", "Chloé", "Manon", "Inès", "Élodie", "Hélène", "Mélanie",
	"Laëtitia", "Françoise", "Martine", "Brigitte", "Anaïs", "Zoé", "Noémie", "Agnès", "Bérénice", "Yasmine", "Fatoumata"}

var demoMen = []string{"Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre", "Stéphane",
	"Laurent", "Frédéric", "Éric", "Julien", "David", "Sébastien", "Thomas", "Olivier", "Jérôme", "François", "Mathieu",
	"Hugo", "Lucas", "Théo", "Maxime", "Antoine", "Benoît", "Gaëtan", "Loïc", "Jérémy", "Rémi", "Karim", "Mamadou"}

var demoStreets = []string{"rue de la Paix", "rue Nationale", "avenue de la République", "boulevard Victor Hugo",
	"rue Jean Jaurès", "rue Pasteur", "place du Général de Gaulle", "rue de la Gare", "allée des Tilleuls",
	"rue des Écoles", "chemin des Vignes", "rue du Moulin", "impasse des Lilas", "rue Voltaire", "avenue Foch",
	"rue Gambetta", "rue de l'Église", "rue du Château", "boulevard de la Liberté", "rue Émile Zola",
	"rue des Acacias", "quai de la Deûle", "rue Faidherbe", "rue Esquermoise", "rue de Béthune", "avenue du Peuple Belge",
	"rue Solférino", "rue Léon Gambetta", "rue de Paris", "rue Saint-Sauveur", "cours Jean Jaurès", "rue Nationale",
	"rue du Faubourg des Postes", "rue des Stations", "rue d'Arras", "rue Colbert", "rue de la Bassée", "rue Pierre Mauroy"}

var demoBuildings = []string{"Résidence Les Peupliers", "Bâtiment B", "Résidence du Parc", "Les Jardins de Flore",
	"Bâtiment C escalier 2", "Résidence Le Clos Fleuri"}

var demoTowns = [][2]string{
	{"59000", "Lille"}, {"59100", "Roubaix"}, {"59200", "Tourcoing"}, {"59300", "Valenciennes"}, {"59400", "Cambrai"},
	{"59500", "Douai"}, {"59600", "Maubeuge"}, {"59700", "Marcq-en-Barœul"}, {"59800", "Lille"}, {"59650", "Villeneuve-d'Ascq"},
	{"59130", "Lambersart"}, {"59110", "La Madeleine"}, {"59160", "Lomme"}, {"59150", "Wattrelos"}, {"59170", "Croix"},
	{"59120", "Loos"}, {"59260", "Hellemmes-Lille"}, {"59280", "Armentières"}, {"59140", "Dunkerque"}, {"59240", "Dunkerque"},
	{"59190", "Hazebrouck"}, {"59230", "Saint-Amand-les-Eaux"}, {"59370", "Mons-en-Barœul"}, {"59420", "Mouvaux"},
	{"59510", "Hem"}, {"62000", "Arras"}, {"62100", "Calais"}, {"62200", "Boulogne-sur-Mer"}, {"62300", "Lens"},
	{"62400", "Béthune"}, {"62500", "Saint-Omer"}, {"62800", "Liévin"}, {"80000", "Amiens"}, {"02100", "Saint-Quentin"},
	{"75011", "Paris"}, {"75015", "Paris"}, {"75018", "Paris"}, {"69003", "Lyon"}, {"69007", "Lyon"}, {"13005", "Marseille"},
	{"33000", "Bordeaux"}, {"31000", "Toulouse"}, {"44000", "Nantes"}, {"67000", "Strasbourg"}, {"57000", "Metz"},
	{"35000", "Rennes"}, {"06000", "Nice"}, {"34000", "Montpellier"}, {"76000", "Rouen"}, {"51100", "Reims"},
	{"21000", "Dijon"}, {"37000", "Tours"}, {"45000", "Orléans"}, {"14000", "Caen"}, {"60000", "Beauvais"},
	{"08000", "Charleville-Mézières"}, {"97400", "Saint-Denis"}, {"20000", "Ajaccio"}, {"68100", "Mulhouse"}, {"25000", "Besançon"},
}

var demoBusinesses = []string{"Boulangerie du Beffroi", "Garage des Flandres", "Plomberie Nordique", "Imprimerie Lilloise",
	"Traiteur Les Saveurs du Nord", "Électricité Vauban", "Menuiserie Artois", "Transports Delattre", "Optique Grand Place",
	"Informatique Services Métropole", "Pressing de la Gare", "Cabinet Dentaire du Parc", "Auto-École Jean Bart",
	"Fleurs et Jardins d'Opale", "Brasserie La Citadelle", "Toitures du Hainaut", "Nettoyage Pro Littoral",
	"Librairie Le Furet", "Agence Immobilière Vieux-Lille", "Chauffage Confort 59"}

var demoUtilities = []string{"Eaux de la Métropole Nord", "Énergie Verte Hauts-de-France", "Télécom Opale",
	"Chauffage Urbain de Lille", "Régie des Eaux du Douaisis"}

var demoLandlordCompanies = []string{"Les Tilleuls", "Patrimoine Flandre", "Immobilière du Beffroi", "Les Terrasses de Lomme",
	"Foncière Vauban", "Les Hauts de Roubaix", "Résidences Opale", "Le Clos Saint-Maurice"}

var demoStaff = []string{"Sophie Garnier", "Thomas Roux", "Nadia Benali", "Julien Castel"}

var demoNotes = []string{
	"Le débiteur indique avoir perdu son emploi et demande un délai.",
	"Appel du créancier : souhaite un point sur le dossier.",
	"Courrier retourné, adresse à vérifier auprès du créancier.",
	"Le débiteur conteste le montant de la dernière facture ; copie demandée au créancier.",
	"Promesse de virement avant la fin du mois.",
	"Le débiteur propose de régler en plusieurs fois.",
	"Justificatifs reçus du créancier, dossier complet.",
	"Message laissé sur le répondeur du débiteur.",
	"Le débiteur a déménagé ; nouvelle adresse communiquée par le créancier.",
	"Relance téléphonique : le débiteur dit avoir envoyé un chèque.",
}
