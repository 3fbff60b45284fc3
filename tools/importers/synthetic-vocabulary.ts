// Word lists and sentence templates for the synthetic OBI4wan export. Everything here was written for this project;
// the people, businesses, media outlets and posts are invented. Municipality and place names are real so that the
// region filters have something to find. Templates use {slots} that the generator fills (see synthetic-export.ts).

export type Polarity = 'positive' | 'neutral' | 'negative';

export type SyntheticTopic =
  | 'mondkapjes'
  | 'avondklok'
  | 'horeca'
  | 'scholen'
  | 'testen'
  | 'vaccinatie'
  | 'noodverordening'
  | 'winkels'
  | 'thuiswerken'
  | 'sport'
  | 'ouderenzorg'
  | 'steunmaatregelen';

export interface Municipality {
  name: string;
  /** Villages and towns in the municipality. */
  places: readonly string[];
  /** Spots people mention. */
  spots: readonly string[];
  /** Relative share of posts, roughly by population. */
  weight: number;
}

export const MUNICIPALITIES: readonly Municipality[] = [
  {
    name: 'Hilversum',
    places: ['Hilversum'],
    spots: ['de Kerkbrink', 'het Mediapark', 'de Groest', 'station Hilversum', 'de Zuiderheide', 'de markt'],
    weight: 90,
  },
  {
    name: 'Gooise Meren',
    places: ['Bussum', 'Naarden', 'Muiden', 'Muiderberg'],
    spots: [
      'de Vesting',
      'het centrum van Bussum',
      'de haven van Muiden',
      'het strand van Muiderberg',
      'station Naarden-Bussum',
    ],
    weight: 58,
  },
  {
    name: 'Huizen',
    places: ['Huizen'],
    spots: ['de Oude Haven', 'de Oostermeent', 'het Plein', 'de Tafelbergheide', 'de boulevard'],
    weight: 41,
  },
  {
    name: 'Wijdemeren',
    places: ['Loosdrecht', 'Kortenhoef', 'Ankeveen', 'Nederhorst den Berg', "'s-Graveland", 'Breukeleveen'],
    spots: ['de Loosdrechtse Plassen', 'de jachthaven', 'het dorpshuis', 'de Vreelandseweg'],
    weight: 24,
  },
  {
    name: 'Weesp',
    places: ['Weesp'],
    spots: ['de Nieuwstad', 'de Vecht', 'station Weesp', 'de Hoogstraat'],
    weight: 20,
  },
  {
    name: 'Laren',
    places: ['Laren'],
    spots: ['de Brink', 'het Singer', 'de Naarderstraat', 'de heide'],
    weight: 11,
  },
  {
    name: 'Blaricum',
    places: ['Blaricum'],
    spots: ['de Dorpsstraat', 'de Bijvanck', 'de Blaricummer heide', 'het winkelcentrum'],
    weight: 11,
  },
];

export const SLOT_WORDS: Readonly<Record<string, readonly string[]>> = {
  tijd: [
    'vanavond',
    'vanochtend',
    'gisteravond',
    'vandaag',
    'dit weekend',
    'vanmiddag',
    'zojuist',
    'net',
    'gisteren',
  ],
  weekdag: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  dag: [
    'maandag',
    'dinsdag',
    'woensdag',
    'donderdag',
    'vrijdag',
    'zaterdag',
    'zondag',
    'morgen',
    'volgende week',
  ],
  winkel: [
    'de supermarkt',
    'de Albert Heijn',
    'de Jumbo',
    'de bakker',
    'de drogist',
    'het tuincentrum',
    'de boekhandel',
    'de slager',
    'de bouwmarkt',
  ],
  school: [
    'de basisschool',
    'de middelbare school',
    'de kinderopvang',
    'de school van mijn dochter',
    'de school van mijn zoon',
    'het mbo',
    'de bso',
  ],
  persoon: [
    'mijn buurman',
    'mijn moeder',
    'mijn vader',
    'onze dochter',
    'onze zoon',
    'mijn oma',
    'mijn opa',
    'een collega',
    'de buurvrouw',
    'mijn schoonmoeder',
    'een vriendin',
  ],
  aantal: ['twee', 'drie', 'vier', 'vijf', 'tien', 'twintig', 'dertig', 'veertig', 'vijftig', 'honderd'],
  minuten: [
    'tien minuten',
    'een kwartier',
    'twintig minuten',
    'een half uur',
    'drie kwartier',
    'een uur',
    'anderhalf uur',
  ],
  gevoel: ['boos', 'verdrietig', 'moedeloos', 'chagrijnig', 'gefrustreerd', 'somber'],
  zat: ['zat', 'moe', 'beu', 'spuugzat', 'meer dan zat'],
  blij: ['blij', 'opgelucht', 'dankbaar', 'trots', 'hoopvol', 'positief', 'tevreden'],
  groep: [
    'jongeren',
    'ouderen',
    'ondernemers',
    'ouders',
    'leraren',
    'zorgmedewerkers',
    'studenten',
    'sporters',
    'buren',
  ],
};

interface TopicVocabulary {
  weight: number;
  hashtags: readonly string[];
  /** Observations without an opinion. */
  observations: readonly string[];
  opinions: Readonly<Record<Polarity, readonly string[]>>;
  headlines: readonly string[];
  announcements: readonly string[];
  english: Readonly<Record<Polarity, readonly string[]>>;
}

export const TOPICS: Readonly<Record<SyntheticTopic, TopicVocabulary>> = {
  mondkapjes: {
    weight: 10,
    hashtags: ['#mondkapje', '#mondkapjesplicht', '#corona', '#covid19'],
    observations: [
      'In {winkel} in {plaats} droeg {tijd} bijna niemand een mondkapje.',
      'Sinds de mondkapjesplicht zie ik op {spot} iedereen met een mondkapje lopen.',
      'Bij {winkel} staat nu iemand bij de deur die op mondkapjes controleert.',
      '{persoon} heeft {aantal} stoffen mondkapjes genaaid voor de buurt.',
      'In de bus naar {plaats} zat de helft met het mondkapje onder de neus.',
      'Op {spot} liggen overal weggegooide mondkapjes.',
      'De mondkapjesplicht geldt nu ook in {winkel}.',
    ],
    opinions: {
      positive: [
        'Prima dat iedereen zich er zo netjes aan houdt.',
        'Het is echt geen moeite, en het helpt.',
        'Niet moeilijk doen, gewoon dragen, dan zijn we er sneller vanaf.',
        'Ik voel me een stuk veiliger nu iedereen er een draagt.',
        'Goed geregeld, complimenten voor het personeel.',
      ],
      negative: [
        'Ik snap echt niet waarom dat ding verplicht is als je buiten loopt.',
        'Die mondkapjesplicht is nooit goed uitgelegd.',
        'Mijn bril beslaat continu, wat een ellende.',
        'Niemand controleert het, dus wat heeft het voor zin?',
        'Belachelijk dat mensen het nog steeds niet snappen.',
        'Geen enkel bewijs dat die stoffen kapjes werken.',
      ],
      neutral: [
        'Weet iemand of de mondkapjesplicht ook op het schoolplein geldt?',
        'Moet je in {winkel} nu ook een mondkapje op bij het afhalen?',
        'Vanaf welke leeftijd moeten kinderen eigenlijk een mondkapje dragen?',
      ],
    },
    headlines: [
      'Mondkapjesplicht in {plaats}: handhavers geven vooral waarschuwingen.',
      'Winkeliers in {plaats} merken dat klanten mondkapje steeds vaker vergeten.',
      'Gemeente {gemeente} deelt gratis mondkapjes uit op {spot}.',
    ],
    announcements: [
      'In alle publieke binnenruimtes geldt een mondkapjesplicht voor iedereen van 13 jaar en ouder. Draag een mondkapje in winkels, het ov en op {spot}.',
      'Vergeet uw mondkapje niet bij het boodschappen doen. Meer informatie over de regels vindt u op onze website.',
    ],
    english: {
      positive: ['Nice to see everyone in {plaats} wearing masks in the shops.'],
      negative: ['Half the people on the train to {plaats} wore their mask under their nose. Come on.'],
      neutral: ['Do kids need to wear a face mask in shops here in {plaats}?'],
    },
  },
  avondklok: {
    weight: 12,
    hashtags: ['#avondklok', '#avondklokrellen', '#corona', '#blijfthuis', '#persconferentie'],
    observations: [
      'Om 21.00 uur was het op {spot} doodstil, de avondklok is duidelijk ingegaan.',
      '{tijd} na negen uur nog een politieauto door {plaats} zien rijden.',
      'Door de avondklok moet {persoon} nu eerder stoppen met werken.',
      'De hondenuitlaters in {plaats} lopen nu allemaal om kwart voor negen.',
      'Gisteravond in {plaats} een paar jongeren zien rondhangen na de avondklok.',
      'Mijn buren kregen {tijd} een boete van 95 euro vanwege de avondklok.',
      'Met de avondklok is {spot} om half tien compleet verlaten.',
      'Het formulier voor de avondklok heb ik maar uitgeprint en in de auto gelegd.',
    ],
    opinions: {
      positive: [
        'Als het helpt om de besmettingen omlaag te krijgen, dan doe ik graag mee.',
        'Eerlijk gezegd valt die avondklok me niet tegen, het is lekker rustig.',
        'Goed dat de politie streng optreedt tegen die relschoppers.',
        'Dankbaar voor de agenten die er vannacht stonden.',
      ],
      negative: [
        'Een avondklok in Nederland, nooit gedacht dat ik dit zou meemaken.',
        'Die avondklok is echt niet te doen voor mensen met avonddiensten.',
        'Ik snap niet waarom ik om negen uur niet meer alleen mag wandelen.',
        'Wat een schande, die rellen. Dit lost toch helemaal niks op.',
        'Zonder enige onderbouwing weer een nieuwe maatregel erbij, ik word er {gevoel} van.',
        'Niet normaal hoe er met onze vrijheid wordt omgegaan.',
      ],
      neutral: [
        'Mag je tijdens de avondklok nog wel je hond uitlaten?',
        'Heb je een werkgeversverklaring nodig als je na 21.00 uur naar je werk moet?',
        'Tot wanneer blijft de avondklok eigenlijk gelden?',
      ],
    },
    headlines: [
      'Eerste avond avondklok in {plaats} verloopt rustig, politie deelt enkele boetes uit.',
      'Burgemeester van {gemeente} roept ouders op hun kinderen binnen te houden na onrust.',
      'Politie grijpt in bij groep jongeren op {spot} na ingaan avondklok.',
      'Ondernemers in {plaats} vrezen gevolgen avondklok voor bezorgdiensten.',
    ],
    announcements: [
      'Vanaf vanavond 21.00 uur geldt de avondklok. Ga alleen naar buiten als het echt nodig is en neem dan een ingevulde verklaring mee.',
      'Vannacht was het in {plaats} grotendeels rustig. Wij danken iedereen die zich aan de avondklok heeft gehouden.',
      'Ouders, weet waar uw kinderen zijn. Samenscholingen in {plaats} worden niet getolereerd.',
    ],
    english: {
      positive: ['Curfew night in {plaats} was calm, well done everyone.'],
      negative: ['A curfew at 9pm. Never thought I would see this in the Netherlands.'],
      neutral: ['Can I still walk the dog after 9pm with the curfew in place?'],
    },
  },
  horeca: {
    weight: 9,
    hashtags: ['#horeca', '#horecadicht', '#afhalen', '#steunlokaal', '#corona'],
    observations: [
      'Op {spot} zijn alle terrassen leeg, de stoelen staan opgestapeld.',
      'Ons stamcafé in {plaats} verkoopt nu afhaalmaaltijden.',
      '{tijd} eten afgehaald bij een restaurant in {plaats}, er stond een flinke rij.',
      'Drie restaurants in {plaats} hebben inmiddels een bord met "tijdelijk gesloten" op de deur.',
      'De horecaondernemers op {spot} hebben samen een afhaalroute gemaakt.',
      'Bij de snackbar in {plaats} staan ze tot op de stoep.',
    ],
    opinions: {
      positive: [
        'Wat een creativiteit bij de horeca hier, echt hulde.',
        'Steun je lokale horeca, ze verdienen het.',
        'Het eten was heerlijk en netjes verpakt, een aanrader.',
        'Mooi initiatief, zo houden ze het hoofd boven water.',
      ],
      negative: [
        'De horeca wordt keer op keer het kind van de rekening.',
        'Hoeveel kroegen gaan dit nog overleven? Geen idee hoe ze het volhouden.',
        'Het is gewoon niet eerlijk dat de horeca dicht moet en de supermarkt vol staat.',
        'Ik mis de kroeg en de gezelligheid echt heel erg.',
        'Zonder terrassen is {spot} gewoon geen {spot} meer.',
      ],
      neutral: [
        'Welke restaurants in {plaats} doen nog afhaal?',
        'Mag een café in {plaats} nu wel of geen koffie to go verkopen?',
        'Weet iemand wanneer de terrassen weer open mogen?',
      ],
    },
    headlines: [
      'Horeca in {plaats} slaat alarm: "Nog een maand dicht houden we niet vol."',
      'Restaurants in {gemeente} bundelen krachten met gezamenlijk afhaalplatform.',
      'Café op {spot} krijgt waarschuwing na binnenlaten gasten.',
    ],
    announcements: [
      'Horeca blijft gesloten. Afhalen en bezorgen is wel toegestaan, niet na 21.00 uur.',
      'Ondernemers in de horeca kunnen bij de gemeente terecht met vragen over steunregelingen.',
    ],
    english: {
      positive: ['Great takeaway from a little place in {plaats} tonight. Support your local restaurants!'],
      negative: ['Restaurants closed again. I really miss sitting on a terrace in {plaats}.'],
      neutral: ['Which restaurants in {plaats} are doing takeaway at the moment?'],
    },
  },
  scholen: {
    weight: 9,
    hashtags: ['#scholen', '#thuisonderwijs', '#onderwijs', '#corona'],
    observations: [
      'Dag {aantal} van het thuisonderwijs: de laptop is alweer vastgelopen.',
      '{school} in {plaats} heeft de lessen helemaal online gezet.',
      'Vanaf {dag} gaat {school} weer open voor noodopvang.',
      'Mijn kinderen zitten nu al weken met hun laptop aan de keukentafel.',
      'Op het schoolplein in {plaats} staan ouders keurig op anderhalve meter.',
      '{school} vraagt ouders om de kinderen thuis te houden bij de lichtste klachten.',
    ],
    opinions: {
      positive: [
        'Wat doen de leraren het goed, petje af.',
        'Heel fijn dat de kinderen weer naar school kunnen.',
        'De juf belt elke dag even, echt geweldig.',
        'Niet perfect, maar het thuisonderwijs is veel beter geregeld dan in het voorjaar.',
      ],
      negative: [
        'Thuiswerken met drie kinderen die thuisonderwijs hebben is niet vol te houden.',
        'De kinderen lopen zo veel achterstand op, dit is niet goed.',
        'Weer geen duidelijkheid over de scholen, ouders worden gek.',
        'Mijn zoon zit al weken alleen op zijn kamer, ik maak me zorgen.',
        'Ik heb geen idee hoe ik dit combineer met mijn baan.',
      ],
      neutral: [
        'Weet iemand of de noodopvang ook geldt voor ouders in de zorg?',
        'Gaan de middelbare scholen in {plaats} ook open op {dag}?',
        'Moeten de kinderen op school ook een mondkapje op?',
      ],
    },
    headlines: [
      'Basisscholen in {gemeente} klaar voor heropening, "wel zorgen over besmettingen".',
      'Leraren in {plaats} zwaar belast door combinatie van noodopvang en online lessen.',
      'Ouders in {plaats} zamelen laptops in voor leerlingen zonder computer.',
    ],
    announcements: [
      'De basisscholen gaan weer open. Heeft uw kind klachten? Laat het thuis en laat het testen.',
      'Voor kinderen van ouders in cruciale beroepen is er noodopvang. Neem contact op met de school.',
    ],
    english: {
      positive: ['Kids are finally back at school in {plaats}. Teachers, you are heroes.'],
      negative: ['Homeschooling two kids while working full time. This is not sustainable.'],
      neutral: ['Does anyone know when secondary schools in {plaats} reopen?'],
    },
  },
  testen: {
    weight: 8,
    hashtags: ['#testen', '#coronatest', '#GGD', '#sneltest'],
    observations: [
      'Vanochtend getest bij de teststraat in {plaats}, binnen {minuten} stond ik weer buiten.',
      'De uitslag van de coronatest kwam na {aantal} uur binnen.',
      '{persoon} moest {minuten} in de auto wachten bij de testlocatie.',
      'De GGD heeft een extra testlocatie geopend in {plaats}.',
      'Vandaag een sneltest gedaan voor bezoek aan {persoon}.',
      "Bij de teststraat in {plaats} stond {tijd} een lange rij auto's.",
    ],
    opinions: {
      positive: [
        'Super goed geregeld door de GGD, vriendelijke mensen ook.',
        'Negatief getest, wat een opluchting!',
        'Niet verwacht dat het zo snel zou gaan, top.',
        'Een testafspraak maken ging heel makkelijk online.',
      ],
      negative: [
        'Het bellen met de GGD duurde eindeloos, niemand neemt op.',
        'Geen testafspraak meer te krijgen in de hele regio, belachelijk.',
        'Die wattenstaaf tot in je hersenen, nooit meer.',
        'Nog steeds geen uitslag en ik zit al dagen thuis.',
      ],
      neutral: [
        'Waar kun je in {plaats} zonder afspraak terecht voor een test?',
        'Hoe lang moet je wachten op de uitslag van een PCR-test?',
        'Moet je als huisgenoot ook getest worden bij klachten?',
      ],
    },
    headlines: [
      'GGD opent nieuwe testlocatie in {plaats}.',
      'Drukte bij teststraat {plaats}: wachttijden lopen op tot een uur.',
      'Aantal positieve tests in {gemeente} daalt voor de tweede week op rij.',
    ],
    announcements: [
      'Heeft u klachten? Laat u testen. Maak een afspraak via de landelijke website of bel de GGD.',
      'Bij de testlocatie in {plaats} kunt u vanaf {dag} ook zonder afspraak terecht.',
    ],
    english: {
      positive: ['Got tested in {plaats} today, in and out in ten minutes. Well organised.'],
      negative: ['Still waiting for my test result after three days. Really frustrating.'],
      neutral: ['Where can I get a quick test near {plaats}?'],
    },
  },
  vaccinatie: {
    weight: 9,
    hashtags: ['#vaccinatie', '#vaccineren', '#prik', '#corona', '#GGD'],
    observations: [
      '{persoon} heeft {tijd} de eerste prik gehad.',
      'De vaccinatielocatie in {plaats} draait op volle toeren.',
      'Vandaag de uitnodiging voor de vaccinatie van {persoon} binnengekregen.',
      'Verpleeghuizen in {plaats} zijn begonnen met vaccineren.',
      '{persoon} is gevaccineerd en mag binnenkort weer op bezoek.',
      'Bij de huisarts in {plaats} wachten ze nog op de vaccins.',
    ],
    opinions: {
      positive: [
        'Wat een feestelijk moment, eindelijk licht aan het einde van de tunnel.',
        'Ontzettend goed georganiseerd, iedereen was super vriendelijk.',
        'Ik ben zo dankbaar voor alle mensen in de zorg.',
        'Had nooit gedacht dat ik zo blij zou zijn met een prik.',
        'Het gaat de goede kant op, eindelijk.',
      ],
      negative: [
        'Waarom gaat het vaccineren in Nederland zo traag?',
        'Weer een vertraging, dit is toch niet uit te leggen.',
        'Mijn moeder van 85 heeft nog steeds geen uitnodiging, schandalig.',
        'Niemand weet wanneer wij aan de beurt zijn, wat een chaos.',
      ],
      neutral: [
        'Wanneer is mijn leeftijdsgroep aan de beurt voor de vaccinatie?',
        'Kun je als mantelzorger eerder gevaccineerd worden?',
        'Hoe lang na de prik moet je wachten met bezoek?',
      ],
    },
    headlines: [
      'Eerste bewoners van zorgcentrum in {plaats} gevaccineerd.',
      'GGD Gooi en Vechtstreek opent grote vaccinatielocatie.',
      'Huisartsen in {gemeente} klaar om te vaccineren, maar vaccins laten op zich wachten.',
    ],
    announcements: [
      'Heeft u een uitnodiging voor de vaccinatie ontvangen? Maak dan telefonisch een afspraak en neem uw identiteitsbewijs mee.',
      'Vaccinatie is vrijwillig en gratis. Op onze website vindt u antwoorden op veelgestelde vragen.',
    ],
    english: {
      positive: ['My grandmother in {plaats} got her first vaccine today! So relieved.'],
      negative: ['Why is the vaccine rollout here so slow compared to other countries?'],
      neutral: ['When can people in their fifties expect an invitation for the vaccine?'],
    },
  },
  noodverordening: {
    weight: 6,
    hashtags: ['#noodverordening', '#veiligheidsregio', '#handhaving', '#corona'],
    observations: [
      'De veiligheidsregio heeft een nieuwe noodverordening afgekondigd.',
      'Volgens de noodverordening is {spot} dit weekend afgesloten.',
      'Handhavers in {plaats} spreken mensen aan op de regels uit de noodverordening.',
      'Op {spot} staan nu borden met de regels van de noodverordening.',
      'De noodverordening geldt ook voor {plaats}, las ik net.',
    ],
    opinions: {
      positive: [
        'Goed dat de burgemeester duidelijk optreedt.',
        'Helder gecommuniceerd door de veiligheidsregio, zo hoort het.',
        'Niet leuk, maar wel nodig. Ik sta erachter.',
      ],
      negative: [
        'Weer een noodverordening zonder enige democratische controle.',
        'Handhavers die mensen op een bankje op {spot} beboeten, dat slaat nergens op.',
        'Niemand snapt meer welke regels nou precies gelden.',
        'Dit is echt niet meer proportioneel.',
      ],
      neutral: [
        'Waar kan ik de tekst van de nieuwe noodverordening vinden?',
        'Geldt de noodverordening ook voor {spot}?',
        'Tot wanneer is deze noodverordening van kracht?',
      ],
    },
    headlines: [
      'Veiligheidsregio Gooi en Vechtstreek stelt nieuwe noodverordening vast.',
      'Burgemeester {gemeente} wijst {spot} aan als veiligheidsrisicogebied.',
      "Boa's in {plaats} delen tientallen waarschuwingen uit op basis van noodverordening.",
    ],
    announcements: [
      'De voorzitter van de veiligheidsregio heeft een nieuwe noodverordening vastgesteld. Deze gaat {dag} in. Lees de volledige tekst op onze website.',
      'Op grond van de noodverordening is samenscholing op {spot} verboden. Er wordt gehandhaafd.',
    ],
    english: {
      positive: ['Clear communication from the safety region about the new emergency rules, thank you.'],
      negative: ['Another emergency ordinance. Nobody knows the rules anymore.'],
      neutral: ['Where can I read the new emergency ordinance in English?'],
    },
  },
  winkels: {
    weight: 8,
    hashtags: ['#winkels', '#clickandcollect', '#winkelenopafspraak', '#steunlokaal'],
    observations: [
      'Bij {winkel} in {plaats} mogen nog maar {aantal} klanten tegelijk naar binnen.',
      'De winkels op {spot} doen nu allemaal aan click & collect.',
      '{tijd} een afspraak gemaakt om te winkelen in {plaats}.',
      'In {winkel} staat weer een rij tot buiten.',
      'Op {spot} zijn de meeste winkels dicht, alleen {winkel} is open.',
    ],
    opinions: {
      positive: [
        'Click & collect werkt prima, netjes geregeld.',
        'Fijn dat de kleine winkels weer iets kunnen verkopen.',
        'Heel vriendelijk personeel, ondanks alle drukte.',
      ],
      negative: [
        'Waarom mag {winkel} open en de kledingwinkel niet? Dit slaat nergens op.',
        'Die webwinkels worden rijk en de winkeliers in {plaats} gaan failliet.',
        'Het is er veel te druk, niemand houdt afstand.',
        'Winkelen op afspraak is echt geen winkelen.',
      ],
      neutral: [
        'Welke winkels in {plaats} doen aan click & collect?',
        'Moet je voor {winkel} nu ook een afspraak maken?',
        'Hoeveel mensen mogen er tegelijk in een winkel?',
      ],
    },
    headlines: [
      'Winkeliers in {plaats}: "Click & collect is een druppel op een gloeiende plaat."',
      'Drukte in centrum van {plaats} op eerste dag winkelen op afspraak.',
      'Ondernemersvereniging {plaats} vraagt gemeente om hulp voor lege winkelstraat.',
    ],
    announcements: [
      'Winkels mogen klanten op afspraak ontvangen. Houd afstand en draag een mondkapje.',
      'Het is druk op {spot}. Kom liever op een ander moment of kies voor afhalen.',
    ],
    english: {
      positive: ['Click and collect at a small shop in {plaats} was really easy today.'],
      negative: ['Supermarkets packed while small shops in {plaats} have to stay closed. Makes no sense.'],
      neutral: ['Do I need an appointment to shop in {plaats} this week?'],
    },
  },
  thuiswerken: {
    weight: 6,
    hashtags: ['#thuiswerken', '#werkenvanuithuis', '#corona'],
    observations: [
      'Week {aantal} thuiswerken aan de keukentafel in {plaats}.',
      'De trein van {plaats} naar Amsterdam was vanochtend bijna leeg.',
      '{persoon} werkt nu al maanden vanuit de logeerkamer.',
      'Bij het Mediapark staan de parkeerplaatsen leeg, iedereen werkt thuis.',
      'Mijn hele werkdag bestaat uit videobellen.',
    ],
    opinions: {
      positive: [
        'Ik mis de file totaal niet, heerlijk.',
        'Eerlijk gezegd werk ik thuis veel geconcentreerder.',
        'Een wandeling over {spot} in de lunchpauze, daar kan geen kantoor tegenop.',
      ],
      negative: [
        "Ik mis mijn collega's en ben het thuiswerken echt {zat}.",
        'Mijn rug kan niet meer tegen die keukenstoel.',
        'Nog een videovergadering en ik word gek.',
      ],
      neutral: [
        'Krijgen jullie ook een thuiswerkvergoeding van je werkgever?',
        'Mag je als je thuiswerkt ook in een flexplek in {plaats} gaan zitten?',
        'Hoe lang blijft het advies om thuis te werken nog gelden?',
      ],
    },
    headlines: [
      'Lege kantoren in {plaats}: thuiswerken lijkt blijvertje.',
      'Bedrijven in {gemeente} zoeken nieuwe vormen van samenwerken na maanden thuiswerken.',
    ],
    announcements: [
      'Werk thuis, tenzij het echt niet anders kan. Zo houden we samen het virus onder controle.',
    ],
    english: {
      positive: ['Working from home in {plaats} with a view of the heath. Not complaining.'],
      negative: ['Month ten of working from my kitchen table. I miss the office.'],
      neutral: ['Any good co-working spaces open in {plaats} right now?'],
    },
  },
  sport: {
    weight: 5,
    hashtags: ['#sport', '#sportscholen', '#buitensporten', '#corona'],
    observations: [
      'De sportvelden in {plaats} zijn leeg, alleen de jeugd mag nog trainen.',
      'Mijn sportschool in {plaats} geeft nu bootcamps op {spot}.',
      'Op {spot} wordt {tijd} volop hardgelopen.',
      'De hockeyclub in {plaats} traint weer in kleine groepjes.',
      'Het zwembad in {plaats} is al weken dicht.',
    ],
    opinions: {
      positive: [
        'Buiten sporten op de heide, eigenlijk is het heerlijk.',
        'Wat fijn dat de kinderen weer mogen trainen.',
        'Mooi initiatief van de sportschool om buiten les te geven.',
      ],
      negative: [
        'Sportscholen dicht terwijl bewegen juist zo belangrijk is, niet uit te leggen.',
        'Voor volwassenen is er helemaal niks meer, geen training, geen wedstrijden.',
        'De sportclubs in {plaats} houden het financieel niet lang meer vol.',
      ],
      neutral: [
        'Mogen volwassenen in {plaats} nog in tweetallen buiten sporten?',
        'Wanneer gaan de zwembaden weer open?',
        'Mag je met de hardloopclub nog samen trainen?',
      ],
    },
    headlines: [
      'Sportscholen in {gemeente} wijken uit naar buiten.',
      'Sportclubs in {plaats} vrezen leegloop na maanden zonder competitie.',
    ],
    announcements: [
      'Buiten sporten mag, met maximaal twee personen op anderhalve meter afstand. Jeugd tot 18 jaar mag in teamverband trainen.',
    ],
    english: {
      positive: ['Outdoor bootcamp on the heath near {plaats} this morning. Loved it.'],
      negative: ["Gyms closed for months now. Not good for anyone's health."],
      neutral: ['Is the swimming pool in {plaats} open for lessons?'],
    },
  },
  ouderenzorg: {
    weight: 5,
    hashtags: ['#ouderenzorg', '#verpleeghuis', '#zorg', '#corona'],
    observations: [
      '{persoon} woont in een verpleeghuis in {plaats} en mag maar één bezoeker per dag.',
      'Het verpleeghuis in {plaats} heeft een besmetting op een afdeling.',
      'We zwaaien {tijd} weer door het raam naar {persoon}.',
      'Vrijwilligers in {plaats} bellen eenzame ouderen elke week op.',
      'In het zorgcentrum in {plaats} zijn de bewoners gevaccineerd.',
    ],
    opinions: {
      positive: [
        'Wat een liefde en geduld bij de verzorging, enorm veel respect.',
        'Zo fijn dat we weer op bezoek mogen.',
        'Mooi om te zien hoe de buurt voor de ouderen zorgt.',
      ],
      negative: [
        '{persoon} is zo eenzaam, dit is hartverscheurend.',
        'De ouderen zijn de grote vergeten groep in deze crisis.',
        'Het personeel is uitgeput en er komt niemand bij.',
      ],
      neutral: [
        'Hoeveel bezoekers mogen er nu per dag naar het verpleeghuis?',
        'Moet je als bezoeker van een verpleeghuis een negatieve test hebben?',
      ],
    },
    headlines: [
      'Verpleeghuis in {plaats} versoepelt bezoekregeling na vaccinatie bewoners.',
      'Uitbraak in zorgcentrum {plaats}: bezoek tijdelijk niet toegestaan.',
    ],
    announcements: [
      'Kent u iemand die alleen is? Bel eens op of doe een boodschap. Samen komen we deze tijd door.',
    ],
    english: {
      positive: ['The care home staff in {plaats} are incredible. So grateful.'],
      negative: ['My grandfather in a care home in {plaats} has been so lonely these months.'],
      neutral: ['What are the visiting rules for care homes in {plaats} now?'],
    },
  },
  steunmaatregelen: {
    weight: 5,
    hashtags: ['#steunmaatregelen', '#ondernemers', '#TOZO', '#NOW'],
    observations: [
      'De TOZO-aanvraag voor {persoon} is na {aantal} weken eindelijk goedgekeurd.',
      'De gemeente {gemeente} heeft een extra loket geopend voor ondernemers.',
      'Ondernemers in {plaats} kunnen uitstel van de lokale belastingen aanvragen.',
      'Vandaag het formulier voor de TVL ingevuld, wat een papierwerk.',
    ],
    opinions: {
      positive: [
        'Snel en netjes geregeld door de gemeente, daar zijn we echt mee geholpen.',
        'Zonder de steun hadden we het niet gered.',
      ],
      negative: [
        'Die steunregelingen zijn veel te ingewikkeld en komen veel te laat.',
        "Als zzp'er val ik overal tussen, er is geen enkele regeling voor mij.",
        'Weer geen geld ontvangen, hoe moet ik mijn huur betalen?',
      ],
      neutral: [
        'Weet iemand tot wanneer je de TOZO kunt aanvragen?',
        'Kom ik als ondernemer in {plaats} in aanmerking voor de TVL?',
      ],
    },
    headlines: [
      'Ondernemers in {gemeente} massaal in de problemen, ondanks steunpakket.',
      'Gemeente {gemeente} verruimt lokale steun voor ondernemers.',
    ],
    announcements: [
      'Ondernemers met vragen over de TOZO kunnen contact opnemen met het Ondernemersloket. Wij helpen u graag.',
    ],
    english: {
      positive: ['The support scheme for small businesses in {plaats} actually worked out fine for us.'],
      negative: ['Still no support payment. Freelancers fall through every crack.'],
      neutral: ['Does anyone know if freelancers in {plaats} can get support?'],
    },
  },
};

export const OPENERS: Readonly<Record<Polarity, readonly string[]>> = {
  positive: [
    'Goed nieuws!',
    'Even iets positiefs:',
    'Mooi om te zien.',
    'Zo fijn.',
    'Eindelijk!',
    'Wat een opsteker.',
  ],
  neutral: [
    'Even een vraag.',
    'Ter info:',
    'Update:',
    'Vraagje aan de buurt:',
    'Zojuist gelezen:',
    'Even delen:',
  ],
  negative: ['Pfff.', 'Serieus?', 'Wat een gedoe weer.', 'Ongelooflijk.', 'Zucht.', 'Echt waar...'],
};

export const GENERAL_OPINIONS: Readonly<Record<Polarity, readonly string[]>> = {
  positive: [
    'We doen het samen en dat merk je in {plaats}.',
    'Ik ben {blij} dat het zo goed gaat.',
    'Niet zeuren, gewoon volhouden, het einde komt in zicht.',
    'Complimenten aan iedereen die zich aan de regels houdt.',
    'Zo zie je maar dat het wel kan.',
    'Knap hoe {groep} hiermee omgaan.',
  ],
  negative: [
    'Ik ben het zo {zat}.',
    'Ik word hier echt {gevoel} van.',
    'Niemand weet meer waar we aan toe zijn.',
    'De coronamaatregelen maken meer kapot dan je lief is.',
    'Dit kabinet heeft echt geen idee wat het doet.',
    'Voor {groep} is dit echt een ramp.',
    'Hoe lang moeten we dit nog volhouden?',
    'Ik kan niet meer tegen al die nieuwe regels.',
  ],
  neutral: [
    'Iemand een idee?',
    'Ben benieuwd hoe anderen in {plaats} dit ervaren.',
    'We zullen zien wat de persconferentie brengt.',
    'Meer info staat op de site van de gemeente.',
    'Wordt vervolgd.',
  ],
};

/** Mixed posts: a clause of one sentiment, "maar", and a clause of the other; the second clause sets the label. */
export const CONTRAST_LINKS = [' maar', ' alleen', ' maar ja,', ' maar eerlijk is eerlijk:'];

export const CLOSINGS = [
  'Blijf gezond allemaal.',
  'Pas goed op elkaar.',
  'Sterkte iedereen.',
  'Hou vol!',
  'Samen krijgen we corona eronder.',
  'Let een beetje op elkaar, {plaats}.',
];

export const EMOJI: Readonly<Record<Polarity, readonly string[]>> = {
  positive: ['\u{1F44D}', '\u{1F64F}', '\u{1F60A}', '\u{1F4AA}', '\u2764\uFE0F', '\u{1F44F}'],
  neutral: ['\u{1F914}', '\u{1F4CC}', '\u{1F9D0}', '\u{1F449}'],
  negative: ['\u{1F621}', '\u{1F644}', '\u{1F62A}', '\u{1F624}', '\u{1F92C}', '\u{1F61E}'],
};

/** What an emoji becomes in a Windows-1252 export, which cannot hold emoji: the emoticon people typed before. */
export const EMOTICONS: Readonly<Record<Polarity, readonly string[]>> = {
  positive: [':-)', ':)', ';-)', ':D'],
  neutral: [':-/', ':-|'],
  negative: [':-(', ':(', '>:(', ':-S'],
};

export const FIRST_NAMES = [
  'Anne',
  'Marieke',
  'Sanne',
  'Lotte',
  'Femke',
  'Iris',
  'Linda',
  'Ingrid',
  'Petra',
  'Marjolein',
  'Esther',
  'Karin',
  'Monique',
  'Saskia',
  'Yvonne',
  'Fatima',
  'Nadia',
  'Sophie',
  'Emma',
  'Julia',
  'Mila',
  'Noor',
  'Evi',
  'Hanneke',
  'Jeroen',
  'Mark',
  'Martijn',
  'Bas',
  'Pieter',
  'Sander',
  'Rob',
  'Erik',
  'Hans',
  'Kees',
  'Wim',
  'Gerrit',
  'Jan',
  'Mohamed',
  'Yusuf',
  'Daan',
  'Sem',
  'Luuk',
  'Thijs',
  'Ruud',
  'Frank',
  'Dennis',
  'Stefan',
  'Marco',
  'Joost',
  'Bram',
];

export const SURNAMES = [
  'de Vries',
  'Jansen',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Smits',
  'de Graaf',
  'van der Meer',
  'Kok',
  'Jacobs',
  'de Haan',
  'Vermeulen',
  'van Dijk',
  'Schouten',
  'van Beek',
  'Hoekstra',
  'Koster',
  'Prins',
  'Huisman',
  'Kuiper',
  'Veenstra',
  'El Amrani',
  'Yilmaz',
  'Verhoeven',
  'Blom',
  'Post',
];

export const NICKNAME_PARTS = [
  'gooise',
  'huizer',
  'hilversumse',
  'bussumse',
  'weesper',
  'larense',
  'loosdrechtse',
  'naardense',
  'blaricummer',
  'fietsende',
  'wandelende',
  'kritische',
  'nuchtere',
  'bezorgde',
  'vrolijke',
  'mopperende',
];

export const NICKNAME_NOUNS = [
  'moeder',
  'vader',
  'opa',
  'oma',
  'buurman',
  'buurvrouw',
  'zeiler',
  'hardloper',
  'ondernemer',
  'juf',
  'meester',
  'student',
  'burger',
  'kat',
  'hond',
  'tuinier',
  'fietser',
];

export const BUSINESSES = [
  'Eetcafé De Zwaan',
  'Bakkerij Van Dam',
  'Sportschool FitGooi',
  'Brasserie Het Veerhuis',
  'Kapsalon Knip & Co',
  'Restaurant De Vestingwal',
  'Boekhandel Heidezicht',
  'Lunchroom Het Pleintje',
  'Fietsenmaker De Spaak',
  'Bloemenhuis Gooiland',
  'Pizzeria Da Marco',
  'Yogastudio Stil',
  'Café De Kroon',
  'Slagerij Van Wijk',
];

export const BUSINESS_POSTS: Readonly<Record<Polarity, readonly string[]>> = {
  positive: [
    'Wij zijn open voor afhalen! Bestel vóór 16.00 uur en haal je bestelling op bij onze zaak in {plaats}.',
    'Dank jullie wel voor alle steun de afgelopen weken, zonder jullie hadden we het niet gered.',
    'Goed nieuws: vanaf {dag} zijn we weer geopend, met alle maatregelen natuurlijk.',
    'Onze bezorgservice loopt als een trein. Bedankt {plaats}!',
  ],
  neutral: [
    'Let op: door de nieuwe maatregelen zijn onze openingstijden aangepast. Vanaf {dag} zijn we open tot 20.30 uur.',
    'Bestellen kan via de website of telefonisch. Betalen graag contactloos.',
    'Wij werken op afspraak. Bel of app ons om een tijd te reserveren.',
  ],
  negative: [
    'Helaas moeten wij door de nieuwe maatregelen opnieuw de deuren sluiten. Dit doet pijn.',
    'Al {aantal} weken dicht en nog steeds geen cent steun ontvangen. Hoe lang nog?',
    'We doen ons best, maar dit houden we als kleine zaak niet lang meer vol.',
  ],
};

/** Personal asides that residents add around their point. */
export const RESIDENT_ASIDES = [
  'Net terug van een wandeling over {spot}.',
  'Ik woon al {aantal} jaar in {plaats}, maar dit heb ik nog nooit meegemaakt.',
  'Sprak er {tijd} nog over met {persoon}.',
  'Zat er {tijd} over na te denken tijdens het boodschappen doen.',
  'Hoorde het {tijd} van {persoon}.',
  'Bij ons in de straat in {plaats} praat iedereen erover.',
  'Voor {groep} is het extra zwaar, dat zie ik om me heen.',
  '{persoon} vroeg het me {tijd} ook al.',
  'Las het net in de groepsapp van de buurt.',
  'Elke dag weer nieuwe berichten hierover.',
  'Na de persconferentie van {weekdag} was het hier het gesprek van de dag.',
  'Het is stil op straat in {plaats}.',
];

export const BUSINESS_EXTRAS = [
  'Bestellen kan via onze website of telefonisch.',
  'Tot snel in {plaats}!',
  'Blijf gezond en tot snel.',
  'Deel dit bericht gerust met je buren.',
  'Bedankt voor jullie begrip.',
  'Volg ons voor de laatste updates.',
  'Vanaf {dag} hebben we ook weer verse taart.',
];

export const INSTITUTION_EXTRAS = [
  'Kijk voor alle regels op onze website.',
  'Heeft u vragen? Neem contact met ons op via het contactformulier.',
  'Houd u aan de maatregelen, zo beschermen we elkaar.',
  'Dank voor uw medewerking.',
  'Wij houden u op de hoogte.',
  'Deel dit bericht met wie het aangaat.',
];

export const ENGLISH_GENERAL: Readonly<Record<Polarity, readonly string[]>> = {
  positive: [
    'Proud of how people here handle it.',
    'Things are slowly getting better.',
    'Really grateful for everyone in healthcare.',
    'Not bad at all, honestly.',
    'Good to see the numbers going down.',
  ],
  negative: [
    'I am so done with all of this.',
    'Nobody seems to know what the rules are anymore.',
    'This is not fair to {groep} at all.',
    'How much longer do we have to put up with this?',
    'The communication about the rules has been terrible.',
  ],
  neutral: [
    'Any info would help.',
    'Curious how others in {plaats} deal with it.',
    'Still trying to figure out the rules as an expat.',
    'Waiting for the next press conference.',
  ],
};

export const ENGLISH_CLOSINGS = [
  'Stay safe everyone.',
  'Take care.',
  'Hang in there!',
  'Stay healthy, {plaats}.',
];

export const MEDIA_OUTLETS = [
  { name: 'Gooise Koerier', domain: 'gooisekoerier.example' },
  { name: 'Vechtstreek Vandaag', domain: 'vechtstreekvandaag.example' },
  { name: 'Meerbode', domain: 'meerbode.example' },
  { name: 'RTV Gooi en Vecht', domain: 'rtvgooienvecht.example' },
  { name: 'Heidenieuws', domain: 'heidenieuws.example' },
] as const;

export const MEDIA_LEADS = [
  'Dat meldt de gemeente in een verklaring.',
  'Dat bevestigt een woordvoerder van de veiligheidsregio.',
  'Lees het hele verhaal op onze website.',
  'Inwoners reageren verdeeld.',
  'De maatregel geldt voorlopig tot en met {dag}.',
  'Volgens de gemeente gaat het om een tijdelijke situatie.',
  'Wethouders overleggen {dag} opnieuw met ondernemers.',
];

/** Regional institutions; each municipality also posts as "Gemeente <name>". */
export const REGIONAL_INSTITUTIONS = [
  'Veiligheidsregio Gooi en Vechtstreek',
  'GGD Gooi en Vechtstreek',
  'Politie Gooi en Vechtstreek',
  'Regio Gooi en Vechtstreek',
];

export const BLOGS = [
  'gooiseblik',
  'levenin-huizen',
  'vechtstreekverhalen',
  'hilversumdagboek',
  'plassenblog',
];

export const FORUM_TOPICS = ['corona-in-het-gooi', 'maatregelen', 'buurt', 'ondernemen', 'ouders'];
