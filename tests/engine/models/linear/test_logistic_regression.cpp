// LogisticRegression against scikit-learn 1.2.1 on the shipped datasets
// (same splits as the shared benchmark), plus the solver, divergence, error
// and persistence behaviour the labs rely on.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/models/linear/logistic_loss.h"
#include "engine/models/linear/logistic_regression.h"
#include "tests/engine/models/linear/linear_test_data.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;

namespace {

// Produced by: /usr/bin/python3 tests/engine/models/linear/data/sklearn_reference.py logistic
// (scikit-learn 1.2.1; StandardScaler fit on the train rows of data/<name>_split.txt)
// breast_cancer: LogisticRegression(C=1.0) (lbfgs), n_iter_ = 31, coef_ row-major
const std::vector<double> kBreastCancerCoef = {0.5438408763515069, 0.34034270914520764, 0.49560631987809955, 0.5666300460759093, 0.05559393083893052, -0.39990050265829763, 0.807343480566954, 1.1060529124903022, -0.029207419337489816, -0.4061030712474954, 1.2192296251727728, 0.13909851690541444, 0.5197008859903608, 0.7600591883390517, 0.21510324502504402, -0.6998173563478245, -0.02923076348800798, 0.3524341559065038, -0.47310794307896886, -0.5570102129438783, 0.994022881164925, 1.1096726905939402, 0.7776801934933172, 0.8739045264692097, 0.46969384194792985, 0.13650097430002903, 0.6898755781887734, 0.9174465487652268, 0.705174545770014, 0.7447570312855905};
const std::vector<double> kBreastCancerIntercept = {-0.33121447082231764};
constexpr double kBreastCancerTestAccuracy = 0.958041958041958;
constexpr double kBreastCancerTestAuc = 0.9951781970649896;
constexpr double kBreastCancerTestLogLoss = 0.08587381901736967;
// iris: LogisticRegression(C=1.0) (lbfgs), n_iter_ = 20, coef_ row-major
const std::vector<double> kIrisCoef = {-0.9646533297235759, 1.0474291373508302, -1.73323837583084, -1.6578119411526628, 0.4142426105523474, -0.4036035875149268, -0.06386479159722419, -0.7771674447931987, 0.5504107191712279, -0.6438255498359041, 1.7971031674280635, 2.4349793859458604};
const std::vector<double> kIrisIntercept = {-0.3527847768321802, 1.802289605995043, -1.4495048291628607};
constexpr double kIrisTestAccuracy = 0.9736842105263158;
constexpr double kIrisTestAuc = 1.0;
constexpr double kIrisTestLogLoss = 0.15181651818515068;
// digits: LogisticRegression(C=1.0) (lbfgs), n_iter_ = 88, coef_ row-major
const std::vector<double> kDigitsCoef = {0.0, 0.02822114743051125, -0.07273321919775454, 0.1128380682211337, -0.09178723637106868, -0.4185667271051992, -0.28233207978453234, -0.04387349763202072, -0.014554139364176401, -0.05737997552645511, -0.20890159824300955, 0.28734576836259124, 0.10911053472472361, 0.09194557669136713, -0.10663257003333396, -0.050076732726412276, -6.548340850596915e-05, 0.12832772878603024, 0.14434974361948372, 0.011845214591731188, -0.6606689241352167, 0.377419757498593, 0.18756402115029683, -0.011988965011226326, 0.0, 0.3007090399954614, 0.20873435779767396, -0.5052581538985574, -1.1511053260548585, 0.10527653539482675, 0.3741725344210834, -0.00040079383878620036, 0.0, 0.4661926037940433, 0.2758191990507584, -0.536121261666799, -0.983063548084025, 0.08731732244271287, 0.2725997144109805, 0.0, -0.00044134108376328953, 0.09380245482022631, 0.5596607081177701, -0.4163700616788164, -0.30584263727906447, 0.2043474515668813, 0.1426807203927428, -0.0068164595207402855, -0.00019018257468889825, -0.1941182410883423, 0.28183802375137457, 0.046290030823937796, 0.27327342062727333, 0.028723090785455794, -0.07393359642093028, -0.16460519924555406, -3.14068968031539e-05, -0.02777421193243845, -0.08546055120720256, 0.33678772320733846, -0.1890674760913334, -0.16334208770600145, -0.1176296458838923, -0.1094163894801065, 0.0, 0.06107436702392751, -0.06642987003355735, -0.08385656085057337, -1.1172074829832492, 1.0705900942934508, -0.01035589121885336, -0.07872304489410759, -0.009706529013522364, -0.8483918508110893, -1.0756475494898312, -0.5123489287074289, 0.7908225005086773, 0.17739511069066294, -0.5040368992563551, -0.10884331222721012, -0.004466478153617642, 0.6305848216833214, 0.07094546842302869, 1.6097524231216795, 1.0362753281087562, -0.33502216660856304, 0.18688353344555728, -0.01681295098047608, 0.0, -0.19308599162977674, 0.19402646332504245, 0.33795977385457365, 0.6974895822899468, 0.4491265286101425, 0.004644154622773994, -5.945444679267113e-05, 0.0, -0.13127042730588284, 0.5406068338564809, 0.050245537147533915, 0.29417103596891986, 0.23050676071427825, -0.4347148412426579, 0.0, 2.0617998168185862e-05, -0.34026957167086835, -0.19871778487915762, 0.6390054820575084, 0.2584314478897582, -0.4281861282897403, -0.65791919438702, -0.11746758840899564, -0.011881690674079551, -0.06384632937708733, -0.20459755951762518, 0.5259794059200333, 0.4121475528153309, -0.04353240596249937, -0.2272666563824907, 0.45390197323316267, -0.013138376416111906, -0.0915952406922766, -0.24857335594097127, -0.022676668782209603, 0.3775592508362268, 0.2268919493081564, 0.395441037983995, 0.49578413857814463, 0.0, -0.01338988648791399, 0.06665788963633766, 0.20036786359775172, 0.2833277681386285, -0.14316938453608558, -0.14965703804677055, -0.0037995034737500193, -0.05502029894315396, 0.6768861295159456, 0.28509638087268524, -0.13184911512222436, 0.5489158708242415, -0.13027887805955538, -0.11656969670262846, -0.008597860136344818, 0.005756033623227967, -0.10931824026082958, -0.21978904949555508, -0.6381403450008362, 0.2972971782516144, -0.20472420061048688, 0.3225863873560977, -1.5014223460677678e-05, 0.0, -0.6974012108454785, -1.1430601652369772, -1.0851292559639791, -0.31067224357821677, 0.0507259604131205, -0.014046118010826334, -2.0628111402640036e-07, 0.0, -0.19749621892348532, -0.7628467224398259, -0.3016325537744289, 0.09304718050827428, -0.7974539810189322, -0.6017801151968729, 0.0, 5.313389307545375e-07, 0.2820024860122178, 0.2071059159957309, 0.9222887982548174, -0.8051023506423911, -0.8286949622982761, -0.23032766774337238, 0.09055061307121139, 0.03314369147800842, 0.1282216532130366, 0.21152480471496846, 1.087808679485937, 0.548751719797169, 0.752010253014551, 0.29796740432303154, 0.09190761932800086, 0.03662137931638039, 0.19310104913327925, 0.30310937818977446, 0.22889770262341913, 0.12447941692428577, 0.7094067088422493, 0.5124802256900104, 0.4163503819552964, 0.0, 0.3276590628953414, -0.24216858624639087, 0.12446120498461508, 0.9612243091167749, 0.04984411188336716, 0.11647908269285881, 0.009897537359340128, -0.05986989832287722, 0.24573001667142058, 0.32063160593570167, 0.04286204492512099, 0.3856523247066148, 0.2926239886626511, 0.6383165246501626, 0.06393253506673771, -0.08268491013556174, 0.02182380490715411, -1.2046823534413913, -1.01679766266373, 0.2154375354713206, -0.4034910828458249, -0.32094448692494804, -0.00941712285949442, 0.0, -0.17128017658063147, -1.0529580785948822, -0.2504025188242317, 0.6135971115464419, -1.0839643119971543, -0.8202624942306194, 1.2457225979034397e-05, 0.0, -0.2830360593142073, -0.5130553824181244, -0.14645097336792973, 0.36700403960422223, -0.054931643218074054, 0.2468764070385699, 0.0, 1.354974535459968e-05, -0.10505766512173509, -0.7513765671280913, -1.1292079474311651, 0.21716647128378358, 0.6542156374110428, 0.4656287077255634, -0.06979189218526527, -9.811966805860103e-05, -0.010975836096889244, -0.004246229965972829, -0.512922364533592, 0.18092816144195156, 0.46263206248055605, 0.6883084126338732, -0.23640434797854978, -0.00011415282834461312, 0.12353104039171756, 0.3924673077856612, 0.06364818623270117, -0.06935762608252696, 0.044095140249218207, 0.11298978819798963, -0.0052947918804275105, 0.0, -0.1453344246115918, -0.36538943271312724, -0.7008849678211904, -0.607780351466853, -0.6337898686600111, -0.58535458350749, 0.12079797454928431, -0.0024703763999605233, -0.058718046853770335, -0.1997013505260414, -0.507750328610696, -0.7643362910787806, -0.6443863356191127, -0.5080260491816173, 0.07551030122809772, -1.69931225943005e-05, -0.11822264048190129, 0.4194923955261698, 0.35479929362561147, -0.00013729239015338688, 0.12166186190833028, 0.23837822619326718, 0.16666815920926947, 0.0, 0.1710022813176402, 0.6020326312115576, -0.07732771700623363, 0.09394013857527374, -0.027173998494917636, 0.9467769087376671, 0.07693867426502161, 0.0, 0.3399564529577524, 0.28665503945786935, -0.22691506994254332, 0.5731581863165944, 0.23150926355898882, 0.6390783669922312, 0.0, 0.017575689953027367, 0.9682879706408839, 0.035436838167967215, 1.007071701031872, 0.8745327487716545, 0.033963376351174995, 0.13038094027422048, -0.01700625512035707, -0.001327273045784293, 0.34126540576173187, -0.6839784844062176, 0.07729385659010009, 0.3130686455576502, -0.5508284383886679, -0.3991696370806213, -0.036745738573452966, -0.0028267466787239705, -0.30409637986409604, -0.3072368602224999, -0.6268978811826247, -0.41564609807303393, -0.5068644049406243, -0.24842449565059221, -0.020426305810205325, 0.0, 0.18282306772915002, 0.8933794203124539, -0.13226185826348902, 0.056675823371346794, 0.8153548379274964, 0.8729694904440423, -0.04008058974561958, 0.08750778877157418, -0.09979966409230569, 0.4698455504787819, 0.4688969965491188, -0.33110107355726753, -0.3574398055904841, -0.0327893900815289, -0.02639344861419757, -0.010375852744417727, 0.06632310153432606, 0.4007456326864561, -0.1131648027707383, -0.9309434899689998, -1.0777345616448715, -1.0534038630041722, -0.019908731482254718, 0.0, 0.3223406822812089, 0.7362097873192528, 0.043243184095736444, 0.35756791040410263, -0.22369596502743844, -0.5212214119194625, 4.64230552081348e-06, 0.0, 0.026541812949641936, 0.028419840516197892, -0.4045501822782245, -0.4405258356093354, 0.22636076815403017, 0.37277156565442715, 0.0, 2.5937498893328122e-06, -0.5598225066393817, -0.4077056214090585, -0.5157005251209509, -0.33382324763507154, 0.3711420686888379, -0.04848796573290165, -0.007370217184098693, 6.183985567623313e-06, -0.1267057043646126, -0.2778890620867973, -0.3214653031838489, -0.06536655070155155, -0.02731272608196781, -0.4626653113758365, -0.11808164482725494, 3.82947818286045e-06, 0.020457736537066017, 0.7708888479099909, 0.672338497495727, 0.08142902326079474, 0.06407779069049956, -0.16897014142850644, -0.2632755323819592, 0.0, -0.060445431882598044, -0.2878950601589824, -0.09529686651219386, -0.34560011233880966, -0.3573321501070911, -0.10781088729188996, -0.0007398741229985991, -0.0025317133278532247, -0.38228141423471274, -0.39145495206683456, 0.12439567879379677, -0.8613494930863417, -0.2930490695257065, 0.0010156448185186459, -0.0012992703711812343, -0.00018565719628814545, -0.3268864323392676, 0.35418210540853434, 0.07802025279731792, -0.6719447593926257, -0.991349690730681, -0.2616468288146745, -0.0012980897484386569, 0.0, 0.33115006512172945, 0.1239718011024504, 0.2453320050431478, -0.2799456379884777, -0.380280109512016, -0.3394301737851011, -4.447508204435324e-05, 0.0, 0.5617562955631016, 0.5080536557042867, 0.25762623877139934, -0.04587046804416388, 0.17211052749774225, 0.08952561104082642, 0.0, -0.016992063016591234, -0.1225605346289963, 0.9166369183829749, 0.2558563371491392, 0.41613572254172504, 0.5175118106104667, 0.3290875458399977, 0.1736369303896031, -0.0009432060694195975, -0.17546316851945987, 0.5809495124714734, 0.3906829277609962, -0.13068662682871107, 0.45728463681865006, 0.38805018704493355, -0.3053121006445211, -5.667255131893736e-07, -0.058055429958678705, -0.344477587669605, -0.2763625887521393, 0.1891787201951638, 0.33334066364501774, 0.11888750640000868, -0.23829016671877687, 0.0, 0.15178760649578063, 0.1907610359983373, 0.1880960983173006, 0.3298989964976428, 0.21117687574843597, 0.45499967591524443, 0.12147789711794799, -0.0002554079361000382, 0.2723262366588096, 0.33862699720825096, 0.2907642059246628, 0.8263911296474887, -0.038575697168034946, 0.022795732750459, 0.04710398392471184, -7.249452668918722e-05, -0.5659949600270997, -0.735856970914382, -0.6171430203253031, 0.0667223367371605, 0.4321508778648048, 0.23621732372352697, 0.010177955291793729, 0.0, -0.3813690381814696, 0.06733364253102458, -0.6969942578867814, -0.09444913591808299, 0.3703074139484462, 0.3366701075647237, -0.05300363899791568, 0.0, 0.30834094322262323, 0.12037378034023694, -0.10228085696760836, 0.44445314480607456, 0.4690944810874654, 0.6165373328497661, 0.0, -2.608549421243744e-05, -0.0631879398528943, -0.02951831630221201, 0.29185814031714574, 0.37298586226145314, -0.12477819621073029, -0.020607540123908964, -0.0021341622479139166, -0.0008170656248784448, -0.24901397092773353, -0.02889602533256075, 0.2573281266601827, -0.5269173464767672, -0.9675678376150404, -0.239048580102513, -0.018137551816647755, -0.0008200212318821477, 0.13271806151541343, 0.08723785835286459, -0.5840684109096543, -0.7297638090813481, -0.7758123326939622, -0.20739979721002438, -0.009650641899682285, 0.0, -0.25472263493970093, 0.1649279030842841, -0.4783181257112863, 0.047031371454854205, -0.3054911940709653, -0.5999788162950915, -0.02206165302964626, 0.09853801307824601, -0.05933401179105297, 0.19321828125668036, -0.05254283630090391, -0.53241042206238, 0.6741892354015145, 0.20023685305737035, -0.03384465554609663, 0.09293954667349069, 0.16133944350334206, 0.2872186071328136, -0.058906595030607606, 0.21586563399148417, 0.6125248999998874, 0.3057160582329554, -0.016556694912193044, 0.0, 0.11442084061755502, -0.15417791930321353, 1.0658491783317678, -0.36587807121141214, -0.14706926762969996, -0.08850249022983596, -0.0032670721520874327, 0.0, -0.29571634570865385, -0.3199805403191694, 0.8605294492176558, 0.26194263901939174, -0.46405353923494846, -1.1694506771615818, 0.0, -0.00021119480521666748, 0.18838526701276603, 0.5868630869932105, 0.6028474653864588, 0.199782948839269, 0.1508482738957765, 0.16827574983468627, -0.04052907301518766, -0.017916607192915213, 0.08102016852734088, 0.511397877896117, -0.8502043296326719, -0.5102214494223302, 0.2574861953149365, 0.14209190037649175, -0.16549534460981166, -0.019700112110473296, 0.13972779772887034, -0.6714512383039072, 0.11849063719242794, 0.45989590931254604, -0.01854730250195382, -0.2977362055088523, -0.18078557501856318, 0.0, -0.2776728736529095, -0.2811100806816032, 0.86485514403793, 0.4842169145807338, -0.2886165953733946, 0.2910410470924826, -0.0628952461284313, -0.04163743854218125, 0.31096258046321085, 0.26828663457361807, -0.009773485814034368, -0.17169508062697264, 0.2275758745167052, 0.4056898499789527, 0.042508459401895904, -0.0008277110090447335, 0.11202337269492858, 0.4833944210548475, 0.3897352416548728, 0.4320964533266567, 1.4685643051688178, 0.15864962864209184, -0.10084854528351749, 0.0, 0.20351350790376221, 0.41788747984806357, 0.9227277622545541, 0.4394556719352818, 0.8867472142946968, 0.12119898282959647, -0.020180132997776715, 0.0, -0.7952690572349338, -0.1640457037487135, 0.5495496728609426, -0.5643163744859546, -0.10045995998326825, -0.03144336438569149, 0.0, 5.7701614413013626e-05, -0.34157996057221984, -0.918385177939135, -1.6576493899660119, -0.8942669660311194, -0.5503693317254342, -0.2787112960800102, -0.0030718957782516405, 2.426938624606466e-05, 0.2696160228720147, -0.3861028575247603, -0.7007910298910703, -0.4949775268100126, -0.3688948303659759, -0.11433412301593879, 0.49897233513463307, 6.174093284782394e-06, -0.12801442285886003, 0.1034962011058946, 0.08984280287501364, 0.17129268879922516, 0.08675387510740942, -0.09963827259012639, -0.08499511734371502};
const std::vector<double> kDigitsIntercept = {-0.22301451424986224, -0.8076000483076521, -0.5920011962894164, 0.2882505682723657, -0.4879539391500614, 0.3257034201986436, -0.35179783373416107, 0.22515551029903905, 1.8370471185565251, -0.2137890855954339};
constexpr double kDigitsTestAccuracy = 0.9711111111111111;
constexpr double kDigitsTestAuc = 0.9987870475078962;
constexpr double kDigitsTestLogLoss = 0.11433240747537539;
// breast_cancer: LogisticRegression(C=0.5, class_weight='balanced')
const std::vector<double> kBalancedCoef = {0.5082171720320726, 0.36900352486168864, 0.4769667420298934, 0.5154539035773426, 0.09087760106935995, -0.24581860778825004, 0.6459189677907523, 0.853346829667579, -0.02827420285155431, -0.34228910722874323, 0.9246286300046896, 0.1357801817371926, 0.4887859627020979, 0.590979930143979, 0.11498957818516635, -0.529007113250262, -0.03979993586643762, 0.269744481389088, -0.3862114289273908, -0.4058353615898909, 0.8340450963989849, 0.8978053239973556, 0.7009026002174911, 0.7297316767526734, 0.45126665675214356, 0.15492911265236053, 0.5830928570750732, 0.7878205458386308, 0.5530639324302034, 0.5143160304550233};
const std::vector<double> kBalancedIntercept = {-0.04430936098224791};
// breast_cancer: LogisticRegression(C=1.0, fit_intercept=False)
const std::vector<double> kNoInterceptCoef = {0.4675153771339784, 0.31937469121761425, 0.42348085535412033, 0.6170583074470911, 0.008182980984113903, -0.46430698530918874, 0.8877673082192612, 1.157754704247569, -0.0007580071787680627, -0.3330129992701033, 1.3057605916882749, 0.12744088509947726, 0.5985155211534889, 0.926338104759144, 0.2376902796887558, -0.7591969785692668, -0.06761598727256722, 0.27928972282867404, -0.42041504316827694, -0.49615056796236173, 0.9796139711063889, 1.1031599176324813, 0.7626480534179028, 1.0072539405597118, 0.46045746572743845, 0.10510039531509376, 0.6749643453811152, 0.9186371894814918, 0.7093540435252954, 0.7844388246439399};
// breast_cancer: LogisticRegression(penalty='l1', C=0.1, l1_ratio=None, solver='saga', tol=1e-10, max_iter=100000), n_iter_ = 3420
const std::vector<double> kBreastCancerSagaL1Coef = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.07759413945577642, 0.6138867225049206, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.9271385949176387, 0.6431760288103479, 0.0, 0.0, 0.0, 0.0, 0.0, 1.3302955292596788, 0.0176567282268785, 0.0};
const std::vector<double> kBreastCancerSagaL1Intercept = {-0.7354993957276833};
// breast_cancer: LogisticRegression(penalty='elasticnet', C=0.5, l1_ratio=0.5, solver='saga', tol=1e-10, max_iter=100000), n_iter_ = 3316
const std::vector<double> kBreastCancerSagaElasticNetCoef = {0.3728472274157078, 0.172159039693316, 0.29224477668982474, 0.3545693201719094, 0.0, 0.0, 0.5106012927518947, 0.9056203226978468, 0.0, -0.20972774972450728, 0.9111718031663661, 0.0, 0.13749246663673642, 0.2959035480126897, 0.0, -0.3264994451139227, 0.0, 0.0, -0.17656982577034355, -0.017156903629594118, 1.053368412808408, 1.098048869965829, 0.803757346517352, 0.7979921769540025, 0.5023772113649905, 0.0, 0.4742851439057602, 1.0006951591996376, 0.4403030998095694, 0.04691325666910129};
const std::vector<double> kBreastCancerSagaElasticNetIntercept = {-0.4730642650550323};
// iris: LogisticRegression(penalty='l1', C=0.1, l1_ratio=None, solver='saga', tol=1e-10, max_iter=100000), n_iter_ = 47
const std::vector<double> kIrisSagaL1Coef = {0.0, 0.0, -1.6733935016499746, 0.0, 0.0, -0.3087267136083484, 0.0, 0.0, 0.0, 0.0, 0.0, 1.383881890422266};
const std::vector<double> kIrisSagaL1Intercept = {-0.29944149523230146, 0.443911993207774, -0.14447049797546807};
// iris: LogisticRegression(penalty='elasticnet', C=0.5, l1_ratio=0.5, solver='saga', tol=1e-10, max_iter=100000), n_iter_ = 161
const std::vector<double> kIrisSagaElasticNetCoef = {-0.5613695218643074, 0.9445799079381263, -1.5251581270918648, -1.349426074135334, 0.0, -0.03772464480009802, 0.0, -0.06550003269097239, 0.16300688955640835, 0.0, 1.5146092995301197, 2.4149261016096877};
const std::vector<double> kIrisSagaElasticNetIntercept = {-0.3816166319825628, 1.43596584191234, -1.0543492099297205};

Vector asVector(const std::vector<double>& values)
{
    return Eigen::Map<const Vector>(values.data(), static_cast<Eigen::Index>(values.size()));
}

test::SplitData standardized(const std::string& name)
{
    return test::loadSplit(name, test::resourceDir(), true);
}

// Largest coefficient difference relative to the largest reference coefficient.
double relativeMaxDifference(const Matrix& ours, const Matrix& reference)
{
    return (ours - reference).cwiseAbs().maxCoeff() / reference.cwiseAbs().maxCoeff();
}

struct RecordingObserver : TrainObserver {
    std::vector<TrainStep> steps;
    std::function<void(const TrainStep&, const Predictor&)> onEach;
    void onStep(const TrainStep& step, const Predictor& model) override
    {
        steps.push_back(step);
        if (onEach)
            onEach(step, model);
    }
};

// A small deterministic design for checks that need no real data.
Matrix smoothDesign(Eigen::Index rows, Eigen::Index cols)
{
    Matrix X(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j)
            X(i, j) = std::sin(0.7 * static_cast<double>(i + 1) * static_cast<double>(j + 1) + 0.3 * static_cast<double>(j));
    return X;
}

}  // namespace

class TestLogisticRegression : public QObject {
    Q_OBJECT

private:
    void checkAgainstScikitLearn(const std::string& name, const std::vector<double>& coef,
                                 const std::vector<double>& intercept, double accuracy, double auc, double logLoss)
    {
        const test::SplitData data = standardized(name);
        LogisticRegression model;  // C = 1, l2, lbfgs: scikit-learn's defaults
        TrainContext ctx;
        model.fit(data.trainX, data.trainY, ctx);
        const Matrix expected = rowMajor(coef, model.coef().rows(), model.coef().cols());
        const double coefError = relativeMaxDifference(model.coef(), expected);
        QVERIFY2(coefError <= 1e-3, qPrintable(QString("coef differs by %1 (relative)").arg(coefError)));
        const double interceptError =
            (model.intercept() - asVector(intercept)).cwiseAbs().maxCoeff() / expected.cwiseAbs().maxCoeff();
        QVERIFY2(interceptError <= 1e-3, qPrintable(QString("intercept differs by %1").arg(interceptError)));

        const Matrix proba = model.predictProba(data.testX);
        QCOMPARE(dslab::accuracy(data.testY, model.predict(data.testX)), accuracy);
        const double ourAuc = proba.cols() == 2 ? rocAuc(data.testY, proba.col(1)) : rocAucOvr(data.testY, proba);
        QVERIFY2(std::abs(ourAuc - auc) <= 1e-9, qPrintable(QString("AUC %1 vs %2").arg(ourAuc).arg(auc)));
        QVERIFY(std::abs(dslab::logLoss(data.testY, proba) - logLoss) <= 1e-3 * logLoss);
        QVERIFY(model.nIter() > 0 && model.nIter() < 100);
    }

    void checkSaga(const std::string& name, const std::string& penalty, double C, const std::vector<double>& coef,
                   const std::vector<double>& intercept)
    {
        const test::SplitData data = standardized(name);
        LogisticRegression model;
        model.setParams({{"solver", std::string("saga")}, {"penalty", penalty}, {"C", C}, {"l1_ratio", 0.5},
                         {"tol", 1e-8}, {"max_iter", 100000LL}});
        TrainContext ctx;
        model.fit(data.trainX, data.trainY, ctx);
        const Matrix expected = rowMajor(coef, model.coef().rows(), model.coef().cols());
        const double coefError = (model.coef() - expected).cwiseAbs().maxCoeff();
        QVERIFY2(coefError <= 1e-3, qPrintable(QString("coef differs by %1 (absolute)").arg(coefError)));
        QVERIFY((model.intercept() - asVector(intercept)).cwiseAbs().maxCoeff() <= 1e-3);
        // The l1 part zeroes the same coefficients (exactly: the proximal step writes 0).
        for (Eigen::Index k = 0; k < expected.size(); ++k)
            if (expected.data()[k] == 0.0)
                QCOMPARE(model.coef().data()[k], 0.0);
    }

private slots:
    void lbfgsMatchesScikitLearnOnBreastCancer()
    {
        checkAgainstScikitLearn("breast_cancer", kBreastCancerCoef, kBreastCancerIntercept, kBreastCancerTestAccuracy,
                                kBreastCancerTestAuc, kBreastCancerTestLogLoss);
    }

    void multinomialMatchesScikitLearnOnIris()
    {
        checkAgainstScikitLearn("iris", kIrisCoef, kIrisIntercept, kIrisTestAccuracy, kIrisTestAuc, kIrisTestLogLoss);
    }

    void multinomialMatchesScikitLearnOnDigits()
    {
        checkAgainstScikitLearn("digits", kDigitsCoef, kDigitsIntercept, kDigitsTestAccuracy, kDigitsTestAuc,
                                kDigitsTestLogLoss);
    }

    void balancedClassWeightMatchesScikitLearn()
    {
        const test::SplitData data = standardized("breast_cancer");
        LogisticRegression model;
        model.setParams({{"C", 0.5}, {"class_weight", std::string("balanced")}});
        TrainContext ctx;
        model.fit(data.trainX, data.trainY, ctx);
        const Matrix expected = rowMajor(kBalancedCoef, 1, data.trainX.cols());
        QVERIFY(relativeMaxDifference(model.coef(), expected) <= 1e-3);
        QVERIFY(std::abs(model.intercept()(0) - kBalancedIntercept[0]) <= 1e-3 * expected.cwiseAbs().maxCoeff());
    }

    void withoutInterceptMatchesScikitLearn()
    {
        const test::SplitData data = standardized("breast_cancer");
        LogisticRegression model;
        model.setParam("fit_intercept", false);
        TrainContext ctx;
        model.fit(data.trainX, data.trainY, ctx);
        QVERIFY(relativeMaxDifference(model.coef(), rowMajor(kNoInterceptCoef, 1, data.trainX.cols())) <= 1e-3);
        QCOMPARE(model.intercept()(0), 0.0);
    }

    void sagaMatchesScikitLearn_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("breast_cancer l1") << 0;
        QTest::newRow("breast_cancer elasticnet") << 1;
        QTest::newRow("iris l1") << 2;
        QTest::newRow("iris elasticnet") << 3;
    }

    void sagaMatchesScikitLearn()
    {
        QFETCH(int, which);
        switch (which) {
        case 0: checkSaga("breast_cancer", "l1", 0.1, kBreastCancerSagaL1Coef, kBreastCancerSagaL1Intercept); break;
        case 1:
            checkSaga("breast_cancer", "elasticnet", 0.5, kBreastCancerSagaElasticNetCoef,
                      kBreastCancerSagaElasticNetIntercept);
            break;
        case 2: checkSaga("iris", "l1", 0.1, kIrisSagaL1Coef, kIrisSagaL1Intercept); break;
        default: checkSaga("iris", "elasticnet", 0.5, kIrisSagaElasticNetCoef, kIrisSagaElasticNetIntercept); break;
        }
    }

    void sagaWithL2MatchesLbfgs()
    {
        const test::SplitData data = standardized("iris");
        LogisticRegression lbfgs, saga;
        lbfgs.setParam("tol", 1e-10);
        saga.setParams({{"solver", std::string("saga")}, {"tol", 1e-8}, {"max_iter", 100000LL}});
        TrainContext ctx;
        lbfgs.fit(data.trainX, data.trainY, ctx);
        saga.fit(data.trainX, data.trainY, ctx);
        QVERIFY(relativeMaxDifference(saga.coef(), lbfgs.coef()) <= 1e-4);
    }

    void gradientDescentConvergesToLbfgsSolution()
    {
        const test::SplitData data = standardized("iris");
        LogisticRegression lbfgs, gd;
        lbfgs.setParam("tol", 1e-10);
        gd.setParams({{"solver", std::string("gd")}, {"learning_rate", 1.0}, {"max_iter", 100000LL}, {"tol", 1e-9}});
        TrainContext ctx;
        lbfgs.fit(data.trainX, data.trainY, ctx);
        gd.fit(data.trainX, data.trainY, ctx);
        QVERIFY2(gd.nIter() < 100000, "gd did not reach its tolerance");
        // lbfgs stops on scikit-learn's relative-decrease rule, about 1e-4 from the exact optimum.
        QVERIFY(relativeMaxDifference(gd.coef(), lbfgs.coef()) <= 1e-4);
        QVERIFY((gd.intercept() - lbfgs.intercept()).cwiseAbs().maxCoeff() <= 1e-4 * lbfgs.coef().cwiseAbs().maxCoeff());
        QVERIFY(relativeMaxDifference(gd.coef(), rowMajor(kIrisCoef, 3, 4)) <= 1e-3);
    }

    void gradientDescentWithL1ZeroesCoefficients()
    {
        // Proximal gradient descent reaches the same l1 solution as saga.
        const test::SplitData data = standardized("iris");
        LogisticRegression gd;
        gd.setParams({{"solver", std::string("gd")}, {"penalty", std::string("l1")}, {"C", 0.1},
                      {"learning_rate", 1.0}, {"max_iter", 200000LL}, {"tol", 1e-9}});
        TrainContext ctx;
        gd.fit(data.trainX, data.trainY, ctx);
        const Matrix expected = rowMajor(kIrisSagaL1Coef, 3, 4);
        QVERIFY((gd.coef() - expected).cwiseAbs().maxCoeff() <= 1e-4);
        for (Eigen::Index k = 0; k < expected.size(); ++k)
            if (expected.data()[k] == 0.0)
                QCOMPARE(gd.coef().data()[k], 0.0);
    }

    void sgdIsDeterministicBySeed()
    {
        const test::SplitData data = standardized("breast_cancer");
        auto fitWithSeed = [&](std::uint64_t seed) {
            LogisticRegression model;
            model.setParams({{"solver", std::string("sgd")}, {"learning_rate", 0.05}, {"batch_size", 16LL},
                             {"max_iter", 30LL}});
            TrainContext ctx;
            ctx.seed = seed;
            model.fit(data.trainX, data.trainY, ctx);
            return model.coef();
        };
        const Matrix a = fitWithSeed(7);
        const Matrix b = fitWithSeed(7);
        const Matrix c = fitWithSeed(8);
        QVERIFY(a == b);
        QVERIFY(a != c);
    }

    void sgdLearnsAGoodModel()
    {
        const test::SplitData data = standardized("breast_cancer");
        LogisticRegression model;
        model.setParams({{"solver", std::string("sgd")}, {"learning_rate", 0.05}, {"max_iter", 200LL}});
        TrainContext ctx;
        model.fit(data.trainX, data.trainY, ctx);
        QVERIFY(dslab::accuracy(data.testY, model.predict(data.testX)) >= 0.93);
        // Constant-step sgd approaches the optimum slowly: its loss ends close to lbfgs's.
        LogisticRegression lbfgs;
        lbfgs.fit(data.trainX, data.trainY, ctx);
        QVERIFY(model.loss(data.trainX, data.trainY) <= lbfgs.loss(data.trainX, data.trainY) + 0.03);
    }

    void gradientMatchesFiniteDifferences_data()
    {
        QTest::addColumn<int>("classes");
        QTest::newRow("binary") << 2;
        QTest::newRow("three classes") << 3;
    }

    void gradientMatchesFiniteDifferences()
    {
        QFETCH(int, classes);
        const Matrix X = smoothDesign(40, 5);
        Eigen::VectorXi codes(40);
        Vector weights(40);
        for (int i = 0; i < 40; ++i) {
            codes(i) = (i * 7 + i / 3) % classes;
            weights(i) = 0.5 + 0.1 * (i % 4);
        }
        const LogisticLoss loss(X, codes, classes, weights, true);
        const int cols = loss.columns();
        Matrix W(5, cols);
        for (Eigen::Index k = 0; k < W.size(); ++k)
            W.data()[k] = 0.3 * std::cos(1.3 * static_cast<double>(k));
        Vector b = Vector::LinSpaced(cols, -0.2, 0.4);
        Matrix gW(5, cols);
        Vector gB(cols);
        loss.lossGradient(W, b, gW, gB);
        const double h = 1e-6;
        for (Eigen::Index k = 0; k < W.size(); ++k) {
            Matrix plus = W, minus = W;
            plus.data()[k] += h;
            minus.data()[k] -= h;
            const double numeric = (loss.loss(plus, b) - loss.loss(minus, b)) / (2 * h);
            QVERIFY2(std::abs(numeric - gW.data()[k]) <= 1e-7 * std::max(1.0, std::abs(numeric)),
                     qPrintable(QString("dW[%1]: %2 vs %3").arg(k).arg(gW.data()[k]).arg(numeric)));
        }
        for (Eigen::Index k = 0; k < cols; ++k) {
            Vector plus = b, minus = b;
            plus(k) += h;
            minus(k) -= h;
            const double numeric = (loss.loss(W, plus) - loss.loss(W, minus)) / (2 * h);
            QVERIFY(std::abs(numeric - gB(k)) <= 1e-7 * std::max(1.0, std::abs(numeric)));
        }
        // At zero weights every class has probability 1/K: the loss is sum(w) log K.
        const double atZero = loss.loss(Matrix::Zero(5, cols), Vector::Zero(cols));
        QVERIFY(std::abs(atZero - weights.sum() * std::log(static_cast<double>(classes))) <= 1e-12);
    }

    void hugeLearningRateDiverges()
    {
        const test::SplitData data = standardized("breast_cancer");
        LogisticRegression model;
        model.setParams({{"solver", std::string("gd")}, {"learning_rate", 1e4}});
        TrainContext ctx;
        try {
            model.fit(data.trainX, data.trainY, ctx);
            QFAIL("expected a DivergenceError");
        } catch (const DivergenceError& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("LogisticRegression diverged at step") && message.contains("learning_rate 10000")
                         && message.contains("too large; try "),
                     qPrintable(message));
        }
        QVERIFY(!model.isFitted());
        // sgd too; and unscaled features get the hint to standardize.
        const test::SplitData raw = test::loadSplit("breast_cancer", test::resourceDir(), false);
        model.setParams({{"solver", std::string("sgd")}, {"learning_rate", 1.0}});
        try {
            model.fit(raw.trainX, raw.trainY, ctx);
            QFAIL("expected a DivergenceError");
        } catch (const DivergenceError& e) {
            QVERIFY2(QString(e.what()).contains("StandardScaler"), e.what());
        }
    }

    void lbfgsRejectsL1Penalty()
    {
        const test::SplitData data = standardized("iris");
        for (const char* penalty : {"l1", "elasticnet"}) {
            LogisticRegression model;
            model.setParam("penalty", std::string(penalty));
            TrainContext ctx;
            try {
                model.fit(data.trainX, data.trainY, ctx);
                QFAIL("expected a ParamError");
            } catch (const ParamError& e) {
                QVERIFY2(QString(e.what()).contains("use solver 'saga'"), e.what());
            }
        }
    }

    void missingValuesAreRejected()
    {
        Matrix X = smoothDesign(20, 5);
        X(4, 3) = std::nan("");
        Vector y(20);
        for (int i = 0; i < 20; ++i)
            y(i) = i % 2;
        LogisticRegression model;
        TrainContext ctx;
        try {
            model.fit(X, y, ctx);
            QFAIL("expected a DataError");
        } catch (const DataError& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("column 3") && message.contains("SimpleImputer"), e.what());
        }
    }

    void singleClassIsRejected()
    {
        const Matrix X = smoothDesign(10, 2);
        const Vector y = Vector::Constant(10, 1.0);
        LogisticRegression model;
        TrainContext ctx;
        QVERIFY_THROWS_EXCEPTION(DataError, model.fit(X, y, ctx));
        QVERIFY_THROWS_EXCEPTION(NotFittedError, model.predict(X));
    }

    void keepsArbitraryLabels()
    {
        const Matrix X = smoothDesign(60, 3);
        Vector y(60);
        for (int i = 0; i < 60; ++i)
            y(i) = X(i, 0) + 0.5 * X(i, 1) > 0 ? 7.0 : -2.0;
        LogisticRegression model;
        TrainContext ctx;
        model.fit(X, y, ctx);
        QCOMPARE(model.classes(), (std::vector<double>{-2.0, 7.0}));
        QVERIFY(dslab::accuracy(y, model.predict(X)) > 0.9);
        const Matrix proba = model.predictProba(X);
        QCOMPARE(proba.cols(), Eigen::Index{2});
        QVERIFY((proba.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
    }

    void saveLoadRoundTripKeepsPredictions()
    {
        const test::SplitData data = standardized("iris");
        LogisticRegression model;
        TrainContext ctx;
        model.fit(data.trainX, data.trainY, ctx);
        nlohmann::json state;
        model.saveState(state);
        const auto reloaded = Catalog::builtin().createEstimator("LogisticRegression");
        reloaded->loadState(nlohmann::json::parse(state.dump()));
        QVERIFY(reloaded->isFitted());
        QVERIFY(reloaded->predictProba(data.testX) == model.predictProba(data.testX));
        QVERIFY(reloaded->predict(data.testX) == model.predict(data.testX));
        QCOMPARE(dynamic_cast<LogisticRegression&>(*reloaded).nIter(), model.nIter());
    }

    void damagedStateIsRejected()
    {
        const test::SplitData data = standardized("iris");
        LogisticRegression model;
        TrainContext ctx;
        model.fit(data.trainX, data.trainY, ctx);
        nlohmann::json good;
        model.saveState(good);
        std::vector<nlohmann::json> damaged(6, good);
        damaged[0].erase("coef");
        damaged[1]["classes"] = {2, 1, 0};
        damaged[2]["intercept"] = {1.0};
        damaged[3]["coef"]["data"][0] = "x";
        damaged[4] = nlohmann::json::array();
        damaged[5]["fitted"] = "yes";
        for (const auto& state : damaged) {
            LogisticRegression target;
            QVERIFY_THROWS_EXCEPTION(FormatError, target.loadState(state));
        }
    }

    void reportsEachStepWithMetrics()
    {
        const test::SplitData data = standardized("breast_cancer");
        LogisticRegression model;
        model.setParams({{"solver", std::string("gd")}, {"learning_rate", 0.5}, {"max_iter", 5LL}});
        RecordingObserver observer;
        observer.onEach = [&](const TrainStep&, const Predictor& live) {
            // The observer may predict with the model as it is mid-training.
            QCOMPARE(live.predict(data.testX).size(), data.testX.rows());
        };
        TrainContext ctx;
        ctx.observer = &observer;
        ctx.validationX = &data.testX;
        ctx.validationY = &data.testY;
        model.fit(data.trainX, data.trainY, ctx);
        QCOMPARE(observer.steps.size(), std::size_t{5});
        double previous = std::log(2.0);
        for (std::size_t k = 0; k < 5; ++k) {
            const TrainStep& s = observer.steps[k];
            QCOMPARE(s.step, static_cast<int>(k + 1));
            QCOMPARE(s.totalSteps, 5);
            QVERIFY(s.trainLoss < previous);  // gradient descent with a sane step goes downhill
            previous = s.trainLoss;
            QVERIFY(std::isfinite(s.validationLoss));
            QVERIFY(s.metrics.count("train_accuracy") == 1 && s.metrics.count("objective") == 1);
            QVERIFY(s.metrics.count("validation_accuracy") == 1);
        }
        // The last report describes the fitted model.
        QVERIFY(std::abs(observer.steps.back().trainLoss - model.loss(data.trainX, data.trainY)) < 1e-12);
    }

    void lbfgsReportsEveryIteration()
    {
        const test::SplitData data = standardized("breast_cancer");
        LogisticRegression model;
        RecordingObserver observer;
        TrainContext ctx;
        ctx.observer = &observer;
        model.fit(data.trainX, data.trainY, ctx);
        QCOMPARE(static_cast<int>(observer.steps.size()), model.nIter());
        // The objective metric is C * sum(loss) + ||W||^2 / 2 and decreases monotonically.
        for (std::size_t k = 1; k < observer.steps.size(); ++k)
            QVERIFY(observer.steps[k].metrics.at("objective") <= observer.steps[k - 1].metrics.at("objective"));
    }

    void cancellingStopsButKeepsTheModel()
    {
        const test::SplitData data = standardized("breast_cancer");
        for (const char* solver : {"gd", "sgd", "saga", "lbfgs"}) {
            LogisticRegression model;
            model.setParams({{"solver", std::string(solver)}, {"max_iter", 50LL}, {"tol", 0.0}});
            RecordingObserver observer;
            auto stop = std::make_shared<StopToken>();
            observer.onEach = [&](const TrainStep& s, const Predictor&) {
                if (s.step == 3)
                    stop->requestCancel();
            };
            TrainContext ctx;
            ctx.stop = stop;
            ctx.observer = &observer;
            model.fit(data.trainX, data.trainY, ctx);
            QVERIFY2(model.isFitted(), solver);
            QCOMPARE(model.nIter(), 3);
            QCOMPARE(observer.steps.size(), std::size_t{3});
            QCOMPARE(model.predict(data.testX).size(), data.testX.rows());
        }
    }

    void cloneKeepsParameters()
    {
        LogisticRegression model;
        model.setParams({{"C", 0.25}, {"solver", std::string("saga")}, {"penalty", std::string("l1")}});
        const auto copy = cloneEstimator(model);
        QCOMPARE(copy->typeName(), std::string("LogisticRegression"));
        QVERIFY(copy->params() == model.params());
        QVERIFY(!copy->isFitted());
        // scikit-learn's None is accepted for penalty and class_weight.
        model.setParams({{"penalty", std::monostate{}}, {"class_weight", std::monostate{}}});
        QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("C", 0.0));
        QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("solver", std::string("newton")));
    }
};

QTEST_GUILESS_MAIN(TestLogisticRegression)
#include "test_logistic_regression.moc"
