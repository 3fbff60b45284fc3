// Dutch function words that say nothing about which FAQ a question needs. Question words (wat, wanneer, waar, hoe)
// are among them: on the dev split they pulled every "wanneer ..." question to the FAQ that starts with "Vanaf
// wanneer", whatever it asked about.
export const DUTCH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'de het een en of maar dan dat die dit deze daar er hier ik je jij u uw wij we ze zij hij zijn haar hun mijn ' +
    "me mij m jou jullie ons onze mn m'n z'n zn is ben bent was waren wordt worden werd word zal zou zullen kan kun " +
    'kunnen kon moet moeten mag mogen mocht heb hebt heeft hebben had wil wilt willen ga gaat gaan doe doet doen ' +
    'van voor met op in aan bij naar uit om over tot door als te nog al ook wel niet geen nu toch even ff eigenlijk ' +
    'gewoon echt zo heel erg iets iemand alles elke ieder nou hoor hè he toe af want omdat dus weer meer veel ' +
    'weet zeggen vraag vragen graag alstublieft aub pls svp beste hallo hoi goedemorgen goedemiddag ' +
    'wat wie wanneer waar hoe hoelang hoeveel welk welke waarom wanneer waarvoor daarmee hiermee nu nou dan ' +
    'precies klopt kunt jullie jij deze week eens'
  ).split(/\s+/),
);
