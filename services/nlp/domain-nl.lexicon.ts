// Our own Dutch lexicon for how residents write about government and corona measures, plus the closed word
// classes the scorer needs (negators, intensifiers, clause breaks), emoji and emoticons. Written for this project.
// Entry lines: `form polarity class [flags]`. Class a = adjective (inflected at load), n = noun (plural added),
// x = this form only. Flag h = may be the head of a compound (mondkapjesonzin), m = may be its first part
// (onzinmaatregel). Polarities are starting points; the fitted weights file adjusts them. Verbs get no generated
// forms, so each common form is its own x entry (walg, walgt, walgen, walgde).

export const DOMAIN_NL_TABLE = `
onzin -0.7 n h m
flauwekul -0.7 n h
kolder -0.6 n
gelul -0.8 x h
geleuter -0.6 x
gezeur -0.5 x h
gezever -0.5 x
bullshit -0.8 x h
nonsens -0.7 x h
schandalig -0.9 a
schande -0.8 n h
schandaal -0.6 n h
schaamteloos -0.7 a
beschamend -0.7 a
dictatuur -0.8 n h m
dictator -0.7 n
dictatoriaal -0.7 a
tirannie -0.8 x h
terreur -0.7 x h
belachelijk -0.9 a
lachwekkend -0.7 a
absurd -0.7 a
bizar -0.6 a
idioot -0.8 a
idioten -0.8 x
idiotie -0.7 x
debiel -0.8 a
debielen -0.8 x
achterlijk -0.8 a
gestoord -0.8 a
krankzinnig -0.7 a
waanzin -0.7 x h
dom -0.6 a
stom -0.6 a
stompzinnig -0.7 a
zielig -0.5 a
triest -0.6 a
treurig -0.6 a
droevig -0.5 a
verdrietig -0.6 a
jammer -0.5 x
helaas -0.4 x
balen -0.5 x
baal -0.5 x
kut -0.8 x
klote -0.8 x
shit -0.6 x
fuck -0.7 x
wtf -0.6 x
godverdomme -0.7 x
verdomme -0.6 x
walgelijk -0.9 a
misselijk -0.6 a
misselijkmakend -0.8 a
verachtelijk -0.8 a
hypocriet -0.7 a
hypocrieten -0.7 x
hypocrisie -0.7 x h
arrogant -0.6 a
arrogantie -0.6 x
incompetent -0.8 a
incompetentie -0.8 x
onbekwaam -0.7 a
amateuristisch -0.7 a
amateurs -0.6 x
prutser -0.7 n
geprutst -0.6 x
prutswerk -0.7 x
geknoei -0.6 x
wanbeleid -0.8 x h
wanorde -0.6 x
wangedrag -0.6 x
puinhoop -0.8 n h
zooitje -0.6 x
zootje -0.6 x
chaos -0.7 x h m
chaotisch -0.6 a
janboel -0.7 x
fiasco -0.7 x h
drama -0.6 x h
ramp -0.6 n h
rampzalig -0.8 a
leugen -0.7 n h
liegen -0.6 x
liegt -0.6 x
lieg -0.6 x
gelogen -0.6 x
leugenaar -0.7 n
bedrog -0.7 x h
oplichting -0.7 x
oplichters -0.7 x
corrupt -0.7 a
corruptie -0.7 x
manipulatie -0.6 x
propaganda -0.6 x h
censuur -0.6 x h
angstzaaierij -0.6 x
bangmakerij -0.6 x
paniekvoetbal -0.7 x
paniek -0.5 x h
angst -0.5 n h
bang -0.5 a
boos -0.6 a
woedend -0.8 a
woest -0.6 a
kwaad -0.6 a
razend -0.7 a
furieus -0.7 a
geirriteerd -0.5 a
irritant -0.6 a
ergerlijk -0.6 a
ergernis -0.5 n
erger -0.5 x
ergste -0.7 x
frustrerend -0.6 a
gefrustreerd -0.6 a
frustratie -0.6 n h
teleurgesteld -0.6 a
teleurstellend -0.6 a
teleurstelling -0.6 n h
spuugzat -0.8 x
beu -0.6 x
kotsbeu -0.8 x
strontziek -0.8 x
onduidelijk -0.6 a
onduidelijkheid -0.6 n h
verwarrend -0.5 a
verwarring -0.5 x h
vaag -0.5 a
tegenstrijdig -0.5 a
willekeur -0.6 x h
onlogisch -0.6 a
onzinnig -0.7 a
zinloos -0.6 a
nutteloos -0.6 a
waardeloos -0.8 a
erbarmelijk -0.8 a
beroerd -0.6 a
onacceptabel -0.7 a
onaanvaardbaar -0.7 a
ontoelaatbaar -0.6 a
onrecht -0.6 x
onrechtvaardig -0.7 a
oneerlijk -0.6 a
discriminatie -0.6 x h
discriminerend -0.7 a
apartheid -0.8 x h
segregatie -0.6 x
onzeker -0.4 a
onzekerheid -0.5 n h
ellende -0.6 x h
ellendig -0.6 a
verschrikkelijk -0.8 a
eenzaam -0.6 a
eenzaamheid -0.6 x h
depressief -0.6 a
wanhopig -0.7 a
wanhoop -0.6 x
moe -0.4 a h
kapot -0.6 a
failliet -0.5 a
slachtoffer -0.4 n h
overlast -0.5 x h
geweld -0.6 x h
rellen -0.6 x h
relschoppers -0.7 x
tuig -0.8 x h
vandalisme -0.6 x
plunderingen -0.6 x
schamen -0.6 x
schaam -0.6 x
minachting -0.7 x
respectloos -0.7 a
asociaal -0.7 a
egoistisch -0.6 a
wappie -0.6 n
wappies -0.6 x
clown -0.6 n
clowns -0.6 x
circus -0.5 x h
poppenkast -0.7 x h
doorgeslagen -0.6 a
overdreven -0.5 a
verstikkend -0.6 a
probleem -0.4 n h
problemen -0.4 x
gedoe -0.5 x h
gezeik -0.7 x
zeuren -0.4 x
klagen -0.4 x
fail -0.6 x
pff -0.4 x
pf -0.4 x
zucht -0.4 x
bah -0.6 x
getver -0.7 x
gatver -0.7 x
gadver -0.7 x
jakkes -0.6 x
foei -0.5 x
grr -0.6 x
argh -0.5 x
boe -0.4 x
liefde 0.7 n h
geluk 0.6 x h
gelukt 0.5 x
blijdschap 0.7 x
vreugde 0.7 x
lieveling 0.6 n
lieverd 0.6 n
gaaf 0.7 a
fantastisch 0.9 a
geniaal 0.8 a
briljant 0.8 a
wow 0.6 x
proost 0.4 x
transparant 0.5 a
veilig 0.4 a
gezond 0.3 a
gered 0.5 x
vooruitgang 0.5 x
waardering 0.6 x h
waarderen 0.5 x
solidair 0.5 a
haat -0.8 x h
haten -0.8 x
hekel -0.6 x
woede -0.7 x h
verdriet -0.6 x h
pijn -0.5 n h
pijnlijk -0.6 a
vermoorden -0.7 x
moord -0.6 n h
klootzak -0.8 n
lul -0.7 x
eikel -0.7 n
sukkel -0.6 n
hoer -0.6 n
rotzak -0.8 n
schoft -0.7 n
smeerlap -0.8 n
tyfus -0.8 x
tering -0.8 x
verrek -0.5 x
verrekt -0.5 x
stik -0.6 x
godver -0.7 x
gemeen -0.6 a
wreed -0.6 a
smerig -0.7 a
mislukt -0.6 a
gefaald -0.6 x
falen -0.6 x
faalt -0.6 x
schuldig -0.4 a
spijt -0.4 x
vervloekt -0.6 a
verdomd -0.6 a
totalitair -0.7 a
fascistisch -0.7 a
ondemocratisch -0.7 a
vrijheidsberoving -0.7 x
dwang -0.5 x h
chantage -0.7 x h
leugenachtig -0.7 a
farce -0.7 x h
lachertje -0.7 x
dramatisch -0.6 a
desastreus -0.8 a
catastrofaal -0.8 a
onverantwoord -0.7 a
roekeloos -0.6 a
nalatig -0.6 a
laks -0.5 a
onnodig -0.5 a
onterecht -0.6 a
disproportioneel -0.6 a
buitenproportioneel -0.6 a
paniekerig -0.5 a
angstig -0.5 a
ongerust -0.5 a
bezorgd -0.4 a
zorgwekkend -0.5 a
eng -0.5 a
griezelig -0.5 a
aanbevelen 0.6 x
aanbevolen 0.6 x
aanbeveling 0.5 x
meevaller 0.6 n
verfijnd 0.5 a
verzorgd 0.4 a
klasse 0.6 x
charme 0.5 x
njam 0.6 x
smaakvol 0.6 a
verrukkelijk 0.8 a
attent 0.5 a
eindelijk 0.5 x
bedankt 0.7 x
dank 0.6 x
dankjewel 0.7 x
dankjewel 0.7 x
dankuwel 0.7 x
thanks 0.6 x
dankbaar 0.7 a
dankbaarheid 0.6 x
bedanken 0.5 x
top 0.7 x
toppie 0.7 x
topper 0.7 n
toppers 0.7 x
duidelijk 0.3 a
duidelijkheid 0.5 x h
helder 0.5 a
fijn 0.7 a
prima 0.6 x
chapeau 0.7 x
bravo 0.6 x
respect 0.6 x h
hulde 0.7 x
held 0.6 n
helden 0.6 x
applaus 0.5 x
compliment 0.6 n
complimenten 0.6 x
trots 0.6 a
blij 0.7 a
gelukkig 0.6 a
opgelucht 0.6 a
opluchting 0.6 x h
heerlijk 0.8 a
genieten 0.6 x
geniet 0.6 x
gezellig 0.6 a
terecht 0.5 a
verstandig 0.6 a
hoop 0.4 x h
hoopvol 0.6 a
hoopgevend 0.6 a
welkom 0.5 x
solidariteit 0.5 x
beterschap 0.5 x
sterkte 0.3 x
succes 0.5 x
gefeliciteerd 0.7 x
zorgvuldig 0.5 a
soepel 0.4 a
vlot 0.5 a
efficient 0.5 a
professioneel 0.5 a
behulpzaam 0.6 a
begripvol 0.6 a
begrijpelijk 0.4 a
logisch 0.4 a
fan 0.4 x
love 0.6 x
nice 0.6 x
cool 0.5 x
yes 0.5 x
jeej 0.7 x
joepie 0.7 x
hoera 0.7 x
hoezee 0.7 x
yay 0.6 x
beter 0.4 x
beste 0.5 x
liever 0.2 x
waardeer 0.5 x
waardeert 0.5 x
gewaardeerd 0.5 x
genoot 0.5 x
bewonder 0.5 x
bewondert 0.5 x
bewonderen 0.5 x
bewonderd 0.4 x
bewondering 0.6 x
apprecieer 0.5 x
apprecieert 0.5 x
apprecieren 0.5 x
geapprecieerd 0.5 x
feliciteer 0.6 x
feliciteren 0.5 x
felicitatie 0.6 n
juich 0.4 x
juichen 0.4 x
toegejuicht 0.4 x
vertrouw 0.3 x
wantrouwen -0.5 x h
wantrouw -0.5 x
argwaan -0.4 x
walg -0.8 x
walgen -0.8 x
walgt -0.8 x
walgde -0.8 x
walging -0.7 x
baalt -0.5 x
baalde -0.5 x
verpest -0.6 x
verpesten -0.6 x
verpestte -0.6 x
verknald -0.6 x
verknallen -0.6 x
verprutst -0.6 x
verprutsen -0.6 x
verkloot -0.7 x
verziekt -0.6 x
verzieken -0.6 x
mislukken -0.5 x
bedriegen -0.6 x
bedrogen -0.6 x
bedrieger -0.7 n
bedonderd -0.6 x
bedonderen -0.6 x
belazeren -0.6 x
opgelicht -0.6 x
oplichter -0.7 x
beledigen -0.5 x
beledigd -0.5 x
beledigend -0.6 a
belediging -0.6 n
kwetsen -0.5 x
kwetsend -0.6 a
schaamt -0.6 x
schaamte -0.5 x
irriteren -0.5 x
irriteert -0.5 x
ergeren -0.5 x
ergert -0.5 x
geergerd -0.5 x
verafschuw -0.7 x
verafschuwen -0.7 x
afschuw -0.7 x
misleiden -0.6 x
misleid -0.6 x
misleidend -0.6 a
misleiding -0.6 x h
faalde -0.6 x
faal -0.5 x m
blunderen -0.6 x
blundert -0.6 x
verraad -0.7 x h
verraden -0.6 x
verrader -0.7 n h
zuigt -0.5 x
zeikt -0.5 x
zeiken -0.5 x
zeurt -0.4 x
treiteren -0.6 x
getreiter -0.6 x
blunder -0.6 n h
flater -0.6 n
uitglijder -0.5 n
wanvertoning -0.8 n
aanfluiting -0.8 n
schijnvertoning -0.7 n
puinzooi -0.8 x
rotzooi -0.6 x
zooi -0.6 x
bende -0.5 x
troep -0.5 x
nepnieuws -0.5 x h
angstcultuur -0.6 x
hetze -0.6 x
heksenjacht -0.6 x h
doofpot -0.6 x
zakkenvuller -0.7 n
graaiers -0.7 x
graaien -0.6 x
graaicultuur -0.7 x
vriendjespolitiek -0.6 x
nepotisme -0.6 x
verspilling -0.6 x h
gedraai -0.6 x
draaikont -0.7 n
broddelwerk -0.7 x
knoeiwerk -0.6 x
lapwerk -0.5 x
geklungel -0.6 x
gestuntel -0.6 x
regelneverij -0.6 x
betutteling -0.6 x
bemoeizucht -0.6 x
symboolpolitiek -0.6 x
zwabberbeleid -0.7 x
zwalkbeleid -0.7 x
hysterie -0.6 x h
lafheid -0.6 x
lafaard -0.7 n
huichelaar -0.6 n
hufter -0.7 n
klojo -0.7 n
malloot -0.6 n
sufferd -0.6 n
domkop -0.6 n
uilskuiken -0.6 n
randdebiel -0.8 n
lamlul -0.7 n
zakkenwasser -0.7 n
beunhaas -0.6 x
beunhazen -0.6 x
slappeling -0.6 n
bagger -0.6 x
gotspe -0.6 x
kaalslag -0.5 x
nachtmerrie -0.6 n h
gekkenhuis -0.6 x
bananenrepubliek -0.7 x
zonde -0.4 x
doodzonde -0.5 x
verademing 0.6 x
opsteker 0.6 n
lichtpuntje 0.6 n
lichtpunt 0.5 n
aanwinst 0.6 n
pluim 0.5 n
zegen 0.5 n
lof 0.5 x
steunbetuiging 0.5 n
kanjer 0.6 n
toppertje 0.6 x
heldin 0.6 n
doorzetter 0.5 n
plezier 0.5 x h
kafkaesk -0.6 a
betuttelend -0.6 a
ongrondwettelijk -0.6 a
onevenredig -0.5 a
zwalkend -0.6 a
stuitend -0.7 a
tenenkrommend -0.7 a
sneu -0.4 a
bedroevend -0.7 a
onverteerbaar -0.7 a
onzorgvuldig -0.5 a
autoritair -0.5 a
hysterisch -0.6 a
kotsmisselijk -0.8 x
daadkrachtig 0.6 a
doortastend 0.5 a
kordaat 0.5 a
slagvaardig 0.5 a
bemoedigend 0.5 a
voorbeeldig 0.6 a
welverdiend 0.6 a
haha 0.3 x
hahah 0.3 x
hahaha 0.3 x
hahahaha 0.3 x
hihi 0.3 x
jippie 0.7 x
jeuj 0.6 x
whoehoe 0.6 x
woehoe 0.6 x
joehoe 0.5 x
yess 0.5 x
jammie 0.6 x
jummie 0.6 x
mjam 0.5 x
awesome 0.6 x
amazing 0.6 x
kudos 0.6 x
merci 0.5 x
thx 0.5 x
tnx 0.5 x
dankje 0.6 x
meh -0.3 x
ugh -0.5 x
bleh -0.4 x
pfft -0.4 x
pfoe -0.3 x
oei -0.3 x
jakkie -0.6 x
verdorie -0.5 x
potverdorie -0.5 x
potverdomme -0.6 x
godsamme -0.6 x
gvd -0.7 x
ffs -0.6 x
facepalm -0.5 x
bedank 0.5 x
proficiat 0.7 x
liefs 0.4 x
smullen 0.5 x
sad -0.5 x
cringe -0.5 x
tandeloos -0.5 a
kneus -0.5 x
aso -0.6 x
oen -0.6 n
muilkorf -0.6 n
muilkorven -0.6 x
rommeltje -0.5 x
controlestaat -0.6 x
politiestaat -0.6 x
trut -0.7 n
misbruik -0.5 x
😀 0.6 x
😃 0.6 x
😄 0.6 x
😁 0.6 x
😆 0.5 x
😊 0.6 x
🙂 0.4 x
☺ 0.5 x
😍 0.8 x
🥰 0.8 x
😘 0.6 x
😎 0.4 x
🤩 0.7 x
🥳 0.7 x
🎉 0.6 x
🍾 0.5 x
🥂 0.5 x
👍 0.6 x
👏 0.5 x
🙌 0.6 x
🙏 0.4 x
💪 0.5 x
❤ 0.6 x
💙 0.5 x
💚 0.5 x
💛 0.5 x
🧡 0.5 x
💜 0.5 x
😇 0.4 x
✅ 0.3 x
👌 0.5 x
🍀 0.4 x
🤗 0.6 x
😌 0.4 x
😡 -0.8 x
🤬 -0.9 x
😠 -0.7 x
😤 -0.6 x
👎 -0.7 x
😢 -0.6 x
😭 -0.5 x
😞 -0.6 x
😔 -0.5 x
😟 -0.5 x
😩 -0.6 x
😫 -0.6 x
😖 -0.6 x
😣 -0.5 x
🤮 -0.8 x
🤢 -0.7 x
💩 -0.7 x
🙄 -0.6 x
🤡 -0.7 x
😱 -0.5 x
😨 -0.5 x
😰 -0.5 x
😒 -0.6 x
😕 -0.4 x
🙁 -0.5 x
☹ -0.5 x
😬 -0.3 x
🤦 -0.6 x
🤷 -0.2 x
🤯 -0.5 x
💔 -0.6 x
😑 -0.4 x
🖕 -0.9 x
🤥 -0.6 x
🤔 -0.2 x
:) 0.5 x
:-) 0.5 x
:d 0.6 x
:-d 0.6 x
;) 0.3 x
;-) 0.3 x
:p 0.3 x
:-p 0.3 x
<3 0.6 x
^^ 0.4 x
^_^ 0.4 x
xd 0.3 x
:( -0.6 x
:-( -0.6 x
:'( -0.6 x
:'-( -0.6 x
:/ -0.4 x
:-/ -0.4 x
:s -0.4 x
:@ -0.7 x
:| -0.2 x
-_- -0.4 x
`;

// Fixed expressions, matched on whole tokens before anything else; their words are not scored again.
// Polarity 0 marks expressions that look evaluative but are not (positief getest).
export const DOMAIN_NL_PHRASES = `
nergens op -0.7
kant noch wal -0.8
geen woorden voor -0.6
geen touw -0.6
de weg kwijt -0.6
het spoor bijster -0.6
te gek 0.7
te laat -0.5
te weinig -0.4
niet normaal -0.6
niet te doen -0.6
niet te geloven -0.6
niet te filmen -0.7
niet te volgen -0.6
niet uit te leggen -0.6
niet eens -0.2
geen probleem 0.3
geen zorgen 0.2
geen idee 0
geen punt 0.2
zonder problemen 0.4
goed zo 0.7
goed bezig 0.5
ga zo door 0.6
goed gedaan 0.6
goed geregeld 0.5
petje af 0.7
hoed af 0.7
dank je 0.6
dank u 0.6
mee eens 0.5
hebt gelijk 0.4
heeft gelijk 0.4
heb gelijk 0.4
klaar mee -0.6
het zat -0.6
zat van -0.6
genoeg van -0.5
genoeg is genoeg -0.7
de keel uit -0.7
de neus uit -0.6
van de pot gerukt -0.8
van lotje getikt -0.8
bij de neus genomen -0.6
in de steek -0.7
om te janken -0.6
om te huilen -0.6
om te kotsen -0.8
ten einde raad -0.7
lak aan -0.6
schijt aan -0.7
ja hoor -0.3
positief getest 0
positief geteste 0
positieve test 0
positieve testen 0
positieve testuitslag 0
test positief 0
testte positief 0
testen positief 0
positief testen 0
negatief getest 0
negatieve test 0
negatieve testuitslag 0
test negatief 0
testte negatief 0
epic fail -0.8
aan te raden 0.6
aan te bevelen 0.6
zeker terug 0.5
niets op aan te merken 0.6
niks op aan te merken 0.6
doe zo verder 0.6
in de watten 0.6
geen spijt 0.5
graag gedaan 0.6
komt voor elkaar 0.5
hou van 0.7
houd van 0.7
houden van 0.6
hield van 0.6
veel geluk 0.6
mooi zo 0.6
goed nieuws 0.6
slecht nieuws -0.6
rot op -0.8
donder op -0.8
kop dicht -0.7
hou je bek -0.8
houd je bek -0.8
val dood -0.8
wassen neus -0.6
maak me zorgen -0.5
maak me zorgen over -0.5
maken zich zorgen -0.4
geen zin -0.4
zin in 0.5
intelligente lockdown 0
leuk is anders -0.6
te gek voor woorden -0.7
te gek om los te lopen -0.7
mooi niet -0.5
zo hoort het 0.6
hart onder de riem 0.6
hou vol 0.4
houd vol 0.4
kan niet wachten 0.5
kijk uit naar 0.5
kijk ernaar uit 0.5
kijk er naar uit 0.5
ik steun 0.4
steun ik 0.4
valt mee 0.4
viel mee 0.4
valt tegen -0.5
viel tegen -0.5
vallen tegen -0.5
stelt teleur -0.6
stelde teleur -0.6
hoe durven ze -0.6
hoe durf je -0.6
als een tang op een varken -0.7
voor de gek -0.6
in de maling -0.6
de spuigaten uit -0.7
klap in het gezicht -0.6
slappe hap -0.6
gemiste kans -0.6
weggegooid geld -0.6
fake news -0.5
duim omhoog 0.5
duimpje omhoog 0.5
druppel op een gloeiende plaat -0.6
tussen wal en schip -0.5
op zijn tandvlees -0.6
op het tandvlees -0.6
hart vast -0.4
vergeet het maar -0.5
op omvallen -0.5
moet aftreden -0.5
geen pretje -0.5
stelt niks voor -0.4
stelt niets voor -0.4
hou op -0.4
hou toch op -0.5
vertrouw het niet -0.5
vertrouw ik niet -0.5
ten top 0
`;

// Words that never carry sentiment alone: negators flip what follows in their clause.
export const NEGATORS = `niet geen nooit niemand nergens noch niets niks nimmer geeneens nauwelijks amper allesbehalve zonder`;

// Intensifiers (> 1) and diminishers (< 1) scale the next sentiment word in the clause. The second number is
// the word's own polarity when nothing follows it ("super!" is praise, "erg" alone is bad).
export const MODIFIERS = `
heel 1.5 0
erg 1.5 -0.4
zeer 1.5 0
super 1.6 0.7
echt 1.3 0
ontzettend 1.7 0
enorm 1.6 0
vreselijk 1.7 -0.7
verschrikkelijk 1.7 -0.8
ongelooflijk 1.7 0
ongelofelijk 1.7 0
waanzinnig 1.6 0.4
bijzonder 1.4 0.3
uiterst 1.6 0
hartstikke 1.6 0
mega 1.6 0.3
hyper 1.5 0
extreem 1.6 -0.2
totaal 1.5 0
compleet 1.5 0
volledig 1.4 0
volkomen 1.5 0
absoluut 1.5 0
zo 1.3 0
zwaar 1.4 -0.2
behoorlijk 1.2 0
flink 1.2 0
te 1.2 0
ronduit 1.5 0
werkelijk 1.4 0
zeker 1.2 0
helemaal 1.3 0
best 0.85 0.6
nogal 0.9 0
beetje 0.6 0
redelijk 0.7 0.2
vrij 0.8 0
tamelijk 0.8 0
enigszins 0.6 0
iets 0.7 0
ietwat 0.7 0
licht 0.7 0
lichtelijk 0.6 0
`;

// Words that end the scope of a negation and of a modifier: conjunctions that open a new clause.
export const CLAUSE_BREAKS = `maar want omdat doordat dus terwijl hoewel echter toch en of waardoor zodat tenzij`;

// First parts of compounds that make the whole compound negative (kutmaatregel, klotebeleid).
export const NEGATIVE_PREFIXES = `kut -0.8
klote -0.8
kloten -0.8
tering -0.8
tyfus -0.8
bagger -0.6
kolere -0.8
shit -0.6`;

// First parts that intensify a known head (superfijn, oersaai, doodziek is left to the lexicon).
export const INTENSIFYING_PREFIXES = `super 1.5
mega 1.5
hyper 1.4
ultra 1.4
oer 1.4
aarts 1.4
reuze 1.4
kei 1.4
bloed 1.4
snoei 1.4
spot 1.3
retro 1`;

// Evaluative-looking adjectives that in news and posts about measures are descriptive (nieuwe maatregelen,
// scholen gaan open, hoge besmettingscijfers): they never carry sentiment.
export const NEUTRALISED = `nieuw groot klein hoog laag lang kort oud jong open dicht eerste laatste volgende vorige
nodig mogelijk extra landelijk regionaal lokaal openbaar algemeen medisch snel strikt streng verplicht positief negatief
vol leeg druk gewoon zelfde ander anders verschillend rustig heel naar laat net waar eens gemaakt wis los gelijk
ver persoonlijk natuurlijk juist direct maximaal tijdelijk gedeeltelijk publiek essentieel beperkt kwetsbaar half
vermoedelijk geacht tijdig vitaal fors uitgebreid zelfstandig toegankelijk rechtstreeks minimaal onbeperkt bepaald
precies naast vroeg recht letterlijk regelmatig gelaten wit rood zwart bekend geheel klaar zat min bezig jarig
tegenwoordig volwassen kopen licht wild echt zeker wilde wist`;

// Irony markers: where present, praise in the text is read as its opposite (goed bezig hoor 🙄).
export const IRONY_MARKERS = `🙄 🤡 🙃 not sarcasme ironie`;
