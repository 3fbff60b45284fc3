// Dutch (and a few English) function words that never make an interesting term on their own. Only for terms:
// sentiment scoring never strips stop words, because niet and geen carry meaning there.
export const STOPWORDS = new Set(
  `aan al alle alles als ben bij dan dat de deze die dit doe doen door dus een en er ga gaan gaat had heb hebben heeft
  hem het hier hij hoe hun ik in is ja je jij jou jouw kan kon kunnen maar me meer men met mij mijn moet moeten na naar
  niet nog nu of om omdat ons onze ook op over te tegen toch toen tot u uit uw van veel voor was wat we wel werd wie
  wij wil worden wordt zal ze zei zelf zich zij zijn zo zou zijn geen nee echt even gewoon gaan komt kom heel erg
  weer al wordt iets niets iemand waar wanneer waarom daar daarom hier want dus nou hoor zeg zegt denk vind
  the a an and or of to in on for is are was be it this that with at by from as not no you we they he she`
    .split(/\s+/)
    .filter(Boolean),
);
