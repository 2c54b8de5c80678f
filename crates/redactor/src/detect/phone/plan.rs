//! Numbering-plan data and validators: which country calling codes exist, how long their
//! national significant numbers (NSN) are, and the structure of the national numbers of the
//! countries written in national format (NANP, GB, DE, FR, IN, AU).
//!
//! Everything here works on ASCII digit slices and is table lookups plus a few comparisons.

/// ITU-T E.164 country calling codes in service, each with the national significant number
/// lengths it allows and the digits its NSNs may start with.
///
/// Codes: ITU-T Operational Bulletin, "List of ITU-T Recommendation E.164 assigned country codes"
/// (codes assigned to countries, plus the international networks/services 800, 808, 870, 878,
/// 881-883, 888 and 979). Lengths: Google libphonenumber `PhoneNumberMetadata.xml` (v9.0.43),
/// `generalDesc/possibleLengths[@national]`, united over the regions that share a code (e.g. +7
/// RU/KZ, +44 GB/GG/IM/JE). libphonenumber is used because it is the maintained, machine-readable
/// digest of the ITU national numbering plans, and it is what the corpus labels were checked with.
/// First digits: the digits that can begin a string matching
/// `generalDesc/nationalNumberPattern` at one of those lengths (e.g. Spanish NSNs start 5-9,
/// Italian ones may start with 0).
/// `+1` is listed for completeness but validated by [`nanp`] instead.
#[rustfmt::skip]
const CALLING_CODES: &[(u16, &[u8], &[u8])] = &[
    (1, &[7, 10], b"23456789"), // US AG AI AS BB BM BS CA DM DO GD GU JM KN KY LC MP MS PR SX TC TT VC VG VI
    (7, &[10, 14], b"34789"), // RU KZ
    (20, &[8, 9, 10], b"12345689"), // EG
    (27, &[5, 6, 7, 8, 9, 10], b"123456789"), // ZA
    (30, &[10, 11, 12], b"26789"), // GR
    (31, &[5, 6, 7, 8, 9, 10, 11], b"123456789"), // NL
    (32, &[8, 9], b"123456789"), // BE
    (33, &[9], b"123456789"), // FR
    (34, &[9], b"456789"), // ES
    (36, &[8, 9], b"123456789"), // HU
    (39, &[6, 7, 8, 9, 10, 11, 12], b"0134578"), // IT VA
    (40, &[6, 9], b"23789"), // RO
    (41, &[9, 12], b"23456789"), // CH
    (43, &[4, 5, 6, 7, 8, 9, 10, 11, 12, 13], b"123456789"), // AT
    (44, &[7, 9, 10], b"1235789"), // GB GG IM JE
    (45, &[8], b"23456789"), // DK
    (46, &[6, 7, 8, 9, 10, 12], b"123456789"), // SE
    (47, &[5, 8], b"023456789"), // NO SJ
    (48, &[6, 7, 8, 9, 10], b"123456789"), // PL
    (49, &[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], b"123456789"), // DE
    (51, &[8, 9], b"1456789"), // PE
    (52, &[10], b"23456789"), // MX
    (53, &[6, 7, 8, 10], b"2345678"), // CU
    (54, &[10, 11], b"123689"), // AR
    (55, &[8, 9, 10, 11], b"123456789"), // BR
    (56, &[9, 10, 11], b"23456789"), // CL
    (57, &[8, 10, 11], b"13469"), // CO
    (58, &[10], b"245689"), // VE
    (60, &[8, 9, 10], b"13456789"), // MY
    (61, &[5, 6, 7, 8, 9, 10, 12], b"123478"), // AU CC CX
    (62, &[7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], b"0123456789"), // ID
    (63, &[6, 8, 9, 10, 11, 12, 13], b"123456789"), // PH
    (64, &[5, 6, 7, 8, 9, 10], b"123456789"), // NZ
    (65, &[8, 10, 11], b"136789"), // SG
    (66, &[8, 9, 10, 13], b"123456789"), // TH
    (81, &[8, 9, 10, 11, 12, 13, 14, 15, 16, 17], b"0123456789"), // JP
    (82, &[5, 6, 8, 9, 10, 11, 12, 13, 14], b"012345678"), // KR
    (84, &[7, 8, 9, 10], b"12356789"), // VN
    (86, &[7, 8, 9, 10, 11, 12], b"123456789"), // CN
    (90, &[7, 10, 12, 13], b"234589"), // TR
    (91, &[8, 9, 10, 11, 12, 13], b"123456789"), // IN
    (92, &[8, 9, 10, 11, 12], b"123456789"), // PK
    (93, &[9], b"234567"), // AF
    (94, &[9], b"123456789"), // LK
    (95, &[6, 7, 8, 9, 10], b"12456789"), // MM
    (98, &[4, 5, 6, 7, 10], b"123456789"), // IR
    (211, &[9], b"19"), // SS
    (212, &[9], b"5678"), // MA EH
    (213, &[8, 9], b"123456789"), // DZ
    (216, &[8], b"2345789"), // TN
    (218, &[9], b"23456789"), // LY
    (220, &[7, 9], b"23456789"), // GM
    (221, &[9], b"3789"), // SN
    (222, &[8], b"2348"), // MR
    (223, &[8], b"2456789"), // ML
    (224, &[8, 9], b"367"), // GN
    (225, &[10], b"02"), // CI
    (226, &[8], b"024567"), // BF
    (227, &[8], b"02789"), // NE
    (228, &[8], b"279"), // TG
    (229, &[10], b"0"), // BJ
    (230, &[7, 8, 10], b"2345678"), // MU
    (231, &[7, 8, 9], b"2345678"), // LR
    (232, &[8], b"236789"), // SL
    (233, &[8, 9], b"2358"), // GH
    (234, &[10, 11, 12, 13, 14], b"2789"), // NG
    (235, &[8], b"236789"), // TD
    (236, &[8], b"2678"), // CF
    (237, &[8, 9], b"268"), // CM
    (238, &[7], b"234589"), // CV
    (239, &[7], b"29"), // ST
    (240, &[9], b"23589"), // GQ
    (241, &[7, 8], b"01234567"), // GA
    (242, &[9], b"028"), // CG
    (243, &[7, 8, 9, 10], b"12345689"), // CD
    (244, &[9], b"29"), // AO
    (245, &[7, 9], b"49"), // GW
    (246, &[7], b"3"), // IO
    (247, &[5, 6], b"0123456789"), // AC
    (248, &[7], b"24689"), // SC
    (249, &[9], b"19"), // SD
    (250, &[8, 9], b"02789"), // RW
    (251, &[9], b"12345789"), // ET
    (252, &[6, 7, 8, 9], b"123456789"), // SO
    (253, &[8], b"27"), // DJ
    (254, &[7, 8, 9, 10], b"12456789"), // KE
    (255, &[9], b"2456789"), // TZ
    (256, &[9], b"234789"), // UG
    (257, &[8], b"2367"), // BI
    (258, &[8, 9], b"28"), // MZ
    (260, &[9], b"256789"), // ZM
    (261, &[9], b"23"), // MG
    (262, &[9], b"26789"), // RE YT
    (263, &[7, 9, 10], b"235678"), // ZW
    (264, &[8, 9], b"68"), // NA
    (265, &[7, 9], b"123789"), // MW
    (266, &[8], b"2568"), // LS
    (267, &[7, 8, 10], b"23456789"), // BW
    (268, &[8, 9], b"02379"), // SZ
    (269, &[7], b"3478"), // KM
    (290, &[4, 5], b"25689"), // SH TA
    (291, &[7], b"178"), // ER
    (297, &[7], b"256789"), // AW
    (298, &[6], b"23456789"), // FO
    (299, &[6], b"123456789"), // GL
    (350, &[8], b"256"), // GI
    (351, &[9], b"1236789"), // PT
    (352, &[4, 5, 6, 7, 8, 9, 10, 11], b"23456789"), // LU
    (353, &[7, 8, 9, 10], b"12456789"), // IE
    (354, &[7, 9], b"3456789"), // IS
    (355, &[6, 7, 8, 9], b"23456789"), // AL
    (356, &[8], b"235789"), // MT
    (357, &[8], b"25789"), // CY
    (358, &[5, 6, 7, 8, 9, 10, 11, 12], b"123456789"), // FI AX
    (359, &[6, 7, 8, 9, 12], b"23456789"), // BG
    (370, &[8], b"3456789"), // LT
    (371, &[8], b"26789"), // LV
    (372, &[7, 8, 10], b"3456789"), // EE
    (373, &[8], b"2356789"), // MD
    (374, &[8], b"123456789"), // AM
    (375, &[6, 7, 8, 9, 10, 11], b"123489"), // BY
    (376, &[6, 8, 9], b"1356789"), // AD
    (377, &[8, 9], b"346789"), // MC
    (378, &[8, 10], b"0567"), // SM
    (380, &[9, 10], b"3456789"), // UA
    (381, &[6, 7, 8, 9, 10, 11, 12], b"1236789"), // RS
    (382, &[8, 9], b"23456789"), // ME
    (383, &[8, 9, 10, 11, 12], b"23489"), // XK
    (385, &[7, 8, 9], b"123456789"), // HR
    (386, &[5, 6, 7, 8], b"123456789"), // SI
    (387, &[8, 9], b"3456789"), // BA
    (389, &[8], b"234578"), // MK
    (420, &[9, 10, 11, 12], b"23456789"), // CZ
    (421, &[6, 7, 9], b"2345689"), // SK
    (423, &[7, 9], b"236789"), // LI
    (500, &[5], b"234567"), // FK
    (501, &[7, 11], b"02345678"), // BZ
    (502, &[8, 11], b"12345678"), // GT
    (503, &[7, 8, 11], b"256789"), // SV
    (504, &[8, 11], b"23789"), // HN
    (505, &[8], b"125678"), // NI
    (506, &[8, 10], b"23456789"), // CR
    (507, &[7, 8, 10, 11], b"123456789"), // PA
    (508, &[6, 9], b"23456789"), // PM
    (509, &[8], b"234589"), // HT
    (590, &[9], b"56789"), // GP BL MF
    (591, &[8, 9], b"234567"), // BO
    (592, &[7], b"23456789"), // GY
    (593, &[8, 9, 10, 11], b"12345679"), // EC
    (594, &[9], b"56789"), // GF
    (595, &[6, 7, 8, 9, 10, 11], b"23456789"), // PY
    (596, &[9], b"56789"), // MQ
    (597, &[6, 7], b"23456789"), // SR
    (598, &[4, 5, 6, 7, 8, 9, 10, 11, 12, 13], b"012489"), // UY
    (599, &[7, 8], b"34679"), // CW BQ
    (670, &[7, 8], b"234789"), // TL
    (672, &[6], b"13"), // NF
    (673, &[7], b"234578"), // BN
    (674, &[7], b"2456789"), // NR
    (675, &[7, 8], b"123456789"), // PG
    (676, &[5, 7], b"023456789"), // TO
    (677, &[5, 7], b"123456789"), // SB
    (678, &[5, 7], b"2345789"), // VU
    (679, &[7, 11], b"023456789"), // FJ
    (680, &[7], b"23456789"), // PW
    (681, &[6, 9], b"4789"), // WF
    (682, &[5], b"234578"), // CK
    (683, &[4, 7], b"45678"), // NU
    (685, &[5, 6, 7, 10], b"2345678"), // WS
    (686, &[5, 8], b"2345678"), // KI
    (687, &[6], b"02345789"), // NC
    (688, &[5, 6, 7], b"279"), // TV
    (689, &[6, 8, 9], b"48"), // PF
    (690, &[4, 5, 6, 7], b"2347"), // TK
    (691, &[7], b"389"), // FM
    (692, &[7], b"23456"), // MH
    (800, &[8], b"0123456789"), // intl
    (808, &[8], b"123456789"), // intl
    (850, &[8, 10], b"12345678"), // KP
    (852, &[5, 6, 7, 8, 9, 11], b"23456789"), // HK
    (853, &[7, 8], b"268"), // MO
    (855, &[8, 9, 10], b"123456789"), // KH
    (856, &[8, 9, 10], b"2345678"), // LA
    (870, &[9, 12], b"23567"), // intl
    (878, &[12], b"1"), // intl
    (880, &[6, 7, 8, 9, 10], b"123456789"), // BD
    (881, &[9, 10], b"01236789"), // intl
    (882, &[7, 8, 9, 10, 11, 12], b"123459"), // intl
    (883, &[8, 9, 10, 11, 12], b"12345"), // intl
    (886, &[7, 8, 9, 10, 11], b"23456789"), // TW
    (888, &[11], b"0123456789"), // intl
    (960, &[7, 10], b"346789"), // MV
    (961, &[7, 8], b"123456789"), // LB
    (962, &[8, 9], b"23456789"), // JO
    (963, &[8, 9], b"123459"), // SY
    (964, &[8, 9, 10], b"1234567"), // IQ
    (965, &[7, 8], b"124569"), // KW
    (966, &[9, 10], b"1589"), // SA
    (967, &[7, 8, 9], b"1234567"), // YE
    (968, &[7, 8, 9], b"125789"), // OM
    (970, &[8, 9, 10], b"124589"), // PS
    (971, &[5, 6, 7, 8, 9, 10, 11, 12], b"23456789"), // AE
    (972, &[7, 8, 9, 10, 11, 12], b"12345789"), // IL
    (973, &[8], b"136789"), // BH
    (974, &[7, 8, 9, 11], b"02345678"), // QA
    (975, &[7, 8], b"12345678"), // BT
    (976, &[8, 9, 10], b"1256789"), // MN
    (977, &[8, 10, 11], b"123456789"), // NP
    (979, &[9], b"1359"), // intl
    (992, &[9], b"0123456789"), // TJ
    (993, &[8], b"1234567"), // TM
    (994, &[9], b"123456789"), // AZ
    (995, &[9], b"34578"), // GE
    (996, &[9, 10], b"2356789"), // KG
    (998, &[9], b"2356789"), // UZ
];

/// NANP area codes (NPAs) in service: US, Canada and the Caribbean members of +1, including the
/// non-geographic codes (toll free 8XX, 5XX personal communications, 600, 900).
///
/// Source: NANPA, "NPA (Area) Code Reports / Area Codes in Service"
/// (<https://nationalnanpa.com/reports/reports_npa.html>), as carried by libphonenumber v9.0.43
/// (every NPA that has at least one valid number in its US/CA/Caribbean metadata). Structurally
/// every NPA is `NXX` with N = 2-9, never `N11` (service codes) and never `N9X` (reserved for
/// expansion), per the NANP Numbering Resource Utilization guidelines (ATIS-0300051); this list
/// is tighter: unassigned codes such as 37X and 96X are absent.
#[rustfmt::skip]
const NANP_NPAS: &[u16] = &[
    201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217,
    218, 219, 220, 223, 224, 225, 226, 227, 228, 229, 231, 234, 235, 236, 239, 240,
    242, 246, 248, 249, 250, 251, 252, 253, 254, 256, 257, 260, 262, 263, 264, 267,
    268, 269, 270, 272, 273, 274, 276, 279, 281, 283, 284, 289, 301, 302, 303, 304,
    305, 306, 307, 308, 309, 310, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321,
    323, 324, 325, 326, 327, 329, 330, 331, 332, 334, 336, 337, 339, 340, 341, 343,
    345, 346, 347, 350, 351, 352, 353, 354, 360, 361, 363, 364, 365, 367, 368, 369,
    380, 382, 385, 386, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 412, 413,
    414, 415, 416, 417, 418, 419, 423, 424, 425, 428, 430, 431, 432, 434, 435, 437,
    438, 440, 441, 442, 443, 445, 447, 448, 450, 458, 463, 464, 468, 469, 470, 472,
    473, 474, 475, 478, 479, 480, 484, 500, 501, 502, 503, 504, 505, 506, 507, 508,
    509, 510, 512, 513, 514, 515, 516, 517, 518, 519, 520, 521, 522, 523, 524, 525,
    526, 527, 528, 529, 530, 531, 532, 533, 534, 539, 540, 541, 544, 548, 551, 557,
    559, 561, 562, 563, 564, 566, 567, 570, 571, 572, 573, 574, 575, 577, 579, 580,
    581, 582, 584, 585, 586, 587, 588, 600, 601, 602, 603, 604, 605, 606, 607, 608,
    609, 610, 612, 613, 614, 615, 616, 617, 618, 619, 620, 622, 623, 626, 628, 629,
    630, 631, 633, 636, 639, 640, 641, 645, 646, 647, 649, 650, 651, 656, 657, 658,
    659, 660, 661, 662, 664, 667, 669, 670, 671, 672, 678, 680, 681, 682, 683, 684,
    686, 689, 701, 702, 703, 704, 705, 706, 707, 708, 709, 712, 713, 714, 715, 716,
    717, 718, 719, 720, 721, 724, 725, 726, 727, 728, 730, 731, 732, 734, 737, 738,
    740, 742, 743, 747, 748, 753, 754, 757, 758, 760, 762, 763, 765, 767, 769, 770,
    771, 772, 773, 774, 775, 778, 779, 780, 781, 782, 784, 785, 786, 787, 800, 801,
    802, 803, 804, 805, 806, 807, 808, 809, 810, 812, 813, 814, 815, 816, 817, 818,
    819, 820, 821, 825, 826, 828, 829, 830, 831, 832, 833, 835, 838, 839, 840, 843,
    844, 845, 847, 848, 849, 850, 854, 855, 856, 857, 858, 859, 860, 862, 863, 864,
    865, 866, 867, 868, 869, 870, 872, 873, 876, 877, 878, 879, 888, 900, 901, 902,
    903, 904, 905, 906, 907, 908, 909, 910, 912, 913, 914, 915, 916, 917, 918, 919,
    920, 925, 928, 929, 930, 931, 934, 936, 937, 938, 939, 940, 941, 942, 943, 945,
    947, 948, 949, 951, 952, 954, 956, 959, 970, 971, 972, 973, 975, 978, 979, 980,
    983, 984, 985, 986, 989,
];

/// Per calling code (the index): bits 0..32 allowed NSN lengths (bit `n` = length `n`), bits
/// 32..42 allowed first digits (bit `32 + d`). Zero for unassigned codes.
static CC_RULES: [u64; 1000] = {
    let mut t = [0u64; 1000];
    let mut i = 0;
    while i < CALLING_CODES.len() {
        let (cc, lens, firsts) = CALLING_CODES[i];
        let mut mask = 0u64;
        let mut j = 0;
        while j < lens.len() {
            mask |= 1 << lens[j];
            j += 1;
        }
        let mut j = 0;
        while j < firsts.len() {
            mask |= 1 << (32 + (firsts[j] - b'0') as u32);
            j += 1;
        }
        t[cc as usize] = mask;
        i += 1;
    }
    t
};

/// [`NANP_NPAS`] as a bitmap over 0..1024.
static NPA_BITS: [u64; 16] = {
    let mut t = [0u64; 16];
    let mut i = 0;
    while i < NANP_NPAS.len() {
        let n = NANP_NPAS[i] as usize;
        t[n / 64] |= 1 << (n % 64);
        i += 1;
    }
    t
};

/// NSNs shorter than this after a generic `+CC` are accepted only where the country's whole plan
/// is short ([`SHORT_PLAN`]): elsewhere they are short codes or local numbers (a 6-digit
/// Romanian short number, `+43 1234`) and collide with scores, offsets and pairs of digits.
const MIN_GENERIC_NSN: usize = 7;
/// A plan whose longest NSN has at most this many digits is "short" (Faroe Islands, Greenland,
/// New Caledonia, Cook Islands, ...): its 5- and 6-digit numbers are ordinary numbers.
const SHORT_PLAN: usize = 7;

/// The value of up to three ASCII digits.
#[inline]
fn value(d: &[u8]) -> usize {
    d.iter().fold(0, |acc, &b| acc * 10 + usize::from(b - b'0'))
}

/// The length of the calling code that `d` (the digits after `+` or `00`) starts with, if it
/// starts with an assigned one. E.164 codes are prefix-free, so at most one length matches.
pub(super) fn calling_code_len(d: &[u8]) -> Option<usize> {
    (1..=3).find(|&n| calling_code_assigned(d.get(..n).unwrap_or_default()))
}

/// True when `cc` is an assigned calling code (no code starts with 0).
pub(super) fn calling_code_assigned(cc: &[u8]) -> bool {
    (1..=3).contains(&cc.len()) && cc[0] != b'0' && CC_RULES[value(cc)] != 0
}

/// True when `nsn` is a plausible national significant number for calling code `cc` (given as
/// its digits): the full national rules for the countries we know in detail, the length table
/// for the others.
pub(super) fn international(cc: &[u8], nsn: &[u8]) -> bool {
    if nsn.is_empty() || !calling_code_assigned(cc) {
        return false;
    }
    match cc {
        b"1" => nanp(nsn),
        b"44" => gb(nsn),
        b"49" => de(nsn),
        b"33" => fr(nsn),
        b"91" => india(nsn),
        b"61" => au(nsn),
        _ => {
            let rules = CC_RULES[value(cc)];
            let lengths = rules & 0xFFFF_FFFF;
            let longest = 63 - lengths.leading_zeros() as usize;
            (nsn.len() >= MIN_GENERIC_NSN || longest <= SHORT_PLAN)
                && nsn.len() < 32
                && lengths & (1 << nsn.len()) != 0
                && rules & (1 << (32 + u32::from(nsn[0] - b'0'))) != 0
        }
    }
}

/// NANP (+1): `NPA NXX XXXX`, the area code in service ([`NANP_NPAS`]) and the central-office
/// code `NXX` starting with 2-9 (NANP numbering plan, ATIS-0300051 §2; 0 and 1 are operator and
/// long-distance prefixes).
pub(super) fn nanp(nsn: &[u8]) -> bool {
    if nsn.len() != 10 || !(b'2'..=b'9').contains(&nsn[3]) {
        return false;
    }
    let npa = value(&nsn[..3]);
    NPA_BITS[npa / 64] & (1 << (npa % 64)) != 0
}

/// Great Britain (+44): Ofcom National Telephone Numbering Plan. 10-digit NSNs: 01 and 02
/// geographic (02 only as 020/023/024/028/029), 03 (030/033/034/037), 05 (055/056), 07
/// (mobile, personal, pager), 08 (080 freephone, 084/087), 09 (090/091/098 premium); 9-digit
/// NSNs: the 01 areas with 5-digit local numbers and 0800 + 6 digits.
pub(super) fn gb(nsn: &[u8]) -> bool {
    let (Some(&a), Some(&b)) = (nsn.first(), nsn.get(1)) else {
        return false;
    };
    match nsn.len() {
        10 => match a {
            b'1' => b != b'0',
            b'2' => matches!(b, b'0' | b'3' | b'4' | b'8' | b'9'),
            b'3' => matches!(b, b'0' | b'3' | b'4' | b'7'),
            b'5' => matches!(b, b'5' | b'6'),
            b'7' => true,
            b'8' => matches!(b, b'0' | b'4' | b'7'),
            b'9' => matches!(b, b'0' | b'1' | b'8'),
            _ => false,
        },
        9 => (a == b'1' && b != b'0') || nsn.starts_with(b"800"),
        _ => false,
    }
}

/// Germany (+49): Bundesnetzagentur numbering plan. Mobile 015x (11-digit NSN), 016[023] and
/// 017x (10 or 11); geographic and service numbers start with 2-9 and have 6 to 11 digits
/// (area code 2-5 digits + subscriber number; the plan allows longer ones, which are rare
/// extensions of PBX numbers).
pub(super) fn de(nsn: &[u8]) -> bool {
    let n = nsn.len();
    match (nsn.first(), nsn.get(1), nsn.get(2)) {
        (Some(b'1'), Some(b'5'), _) => n == 11,
        (Some(b'1'), Some(b'6'), Some(b'0' | b'2' | b'3')) => (10..=11).contains(&n),
        (Some(b'1'), Some(b'7'), _) => (10..=11).contains(&n),
        (Some(b'2'..=b'9'), _, _) => (6..=11).contains(&n),
        _ => false,
    }
}

/// German area codes of two digits (after the trunk 0): Berlin, Hamburg, Frankfurt am Main,
/// Munich. Area codes are prefix-free, so no longer code starts with these.
const DE_TWO_DIGIT_AREAS: [&[u8]; 4] = [b"30", b"40", b"69", b"89"];

/// A German national number written as area code and subscriber number (`030 12345678`,
/// `0221/585600`, `0171-2345678`): `area` digits of `nsn` (without the trunk 0) form the code.
fn de_split(nsn: &[u8], area: usize) -> bool {
    if !de(nsn) || nsn.len() < area + 3 {
        return false;
    }
    if nsn[0] == b'1' {
        // Mobile prefixes 015x(x), 016x, 017x.
        return (3..=4).contains(&area);
    }
    let two = DE_TWO_DIGIT_AREAS.contains(&&nsn[..2]);
    // Subscriber numbers never start with 0: a 0 there would be read as a trunk prefix.
    if nsn[area] == b'0' {
        return false;
    }
    // NSNs of 7 digits or fewer exist only in a few small exchanges, while `0934-5589`-style
    // references are everywhere: require 8.
    nsn.len() >= 8
        && match area {
            2 => two,
            3..=5 => !two,
            _ => false,
        }
}

/// France (+33): ARCEP plan, 9-digit NSN: 1-5 geographic, 6 and 73-79 mobile, 8 special
/// rates, 9 VoIP.
pub(super) fn fr(nsn: &[u8]) -> bool {
    nsn.len() == 9
        && match nsn[0] {
            b'1'..=b'6' | b'8' | b'9' => true,
            b'7' => (b'3'..=b'9').contains(&nsn[1]),
            _ => false,
        }
}

/// India (+91): DoT National Numbering Plan 2003, 10-digit NSN: mobile 6-9, fixed lines an STD
/// code (2-4 digits, starting 1-8) plus the subscriber number.
pub(super) fn india(nsn: &[u8]) -> bool {
    nsn.len() == 10 && nsn[0] != b'0'
}

/// An Indian fixed-line NSN in one of the metros: two-digit STD code ([`IN_METRO`]) and an
/// 8-digit subscriber number starting 2-7 (the first digit of an Indian subscriber number
/// identifies the operator; 0, 1, 8 and 9 are not used there).
pub(super) fn india_metro(nsn: &[u8]) -> bool {
    india(nsn) && IN_METRO.iter().any(|p| nsn.starts_with(p)) && (b'2'..=b'7').contains(&nsn[2])
}

/// An Indian NSN as a bare digit string may be: a mobile number, or a fixed line whose
/// subscriber part (after a 2-digit metro, 3- or 4-digit STD code) starts with 2-7.
pub(super) fn india_bare(nsn: &[u8]) -> bool {
    india_mobile(nsn)
        || india_metro(nsn)
        || (india(nsn) && nsn[0] != b'9' && (india_std3(nsn) || india_std4(nsn)))
}

/// True for an Indian mobile NSN (written `98765 43210` even without the trunk 0).
pub(super) fn india_mobile(nsn: &[u8]) -> bool {
    india(nsn) && (b'6'..=b'9').contains(&nsn[0])
}

/// Australia (+61): ACMA Telecommunications Numbering Plan, 9-digit NSN: 2, 3, 7, 8
/// geographic (one-digit area code + 8 digits), 4 mobile.
pub(super) fn au(nsn: &[u8]) -> bool {
    nsn.len() == 9 && matches!(nsn[0], b'2' | b'3' | b'4' | b'7' | b'8')
}

/// Australian 10-digit numbers dialled without a trunk prefix: 1300 (local rate) and 1800
/// (freecall), per the ACMA Telecommunications Numbering Plan 2015, Part 4.
pub(super) fn au_1300(d: &[u8]) -> bool {
    d.len() == 10 && (d.starts_with(b"1300") || d.starts_with(b"1800"))
}

/// A national digit string after the trunk 0 that some supported country accepts (used for
/// numbers written without any grouping, which also need a phone word nearby).
pub(super) fn national(nsn: &[u8]) -> bool {
    gb(nsn) || de(nsn) || fr(nsn) || india(nsn) || au(nsn)
}

/// Indian two-digit STD codes (the metros: Delhi 11, Pune 20, Mumbai 22, Kolkata 33,
/// Hyderabad 40, Chennai 44, Ahmedabad 79, Bengaluru 80); every other STD code has 3 or 4
/// digits. Source: DoT National Numbering Plan 2003, Annex (SDCA codes).
const IN_METRO: &[&[u8]] = &[b"11", b"20", b"22", b"33", b"40", b"44", b"79", b"80"];

/// First digits of Indian STD codes (1-8; 9 is mobile only).
const IN_STD: &[&[u8]] = &[b"1", b"2", b"3", b"4", b"5", b"6", b"7", b"8"];

/// An Indian fixed line with a 3-digit STD code: the subscriber number starts 2-7.
fn india_std3(nsn: &[u8]) -> bool {
    india(nsn) && (b'2'..=b'7').contains(&nsn[3])
}

/// An Indian fixed line with a 4-digit STD code: the subscriber number starts 2-7.
fn india_std4(nsn: &[u8]) -> bool {
    india(nsn) && (b'2'..=b'7').contains(&nsn[4])
}

/// How a country writes its national numbers: group lengths with the trunk 0 counted in the
/// first group, for NSNs of a given length and first digit.
struct Layout {
    /// Allowed NSN prefixes.
    lead: &'static [&'static [u8]],
    /// NSN length.
    len: usize,
    /// Group lengths, trunk 0 included in the first.
    shapes: &'static [&'static [u8]],
    /// The country's NSN validator.
    valid: fn(&[u8]) -> bool,
    /// Every separator must be the same (French pairs).
    uniform: bool,
}

/// National groupings. Sources: the national plans above for the code lengths, and the
/// national formats of libphonenumber (`numberFormat` patterns of GB, FR, IN, AU), plus the
/// common London variant `0207 183 8750`.
#[rustfmt::skip]
const LAYOUTS: &[Layout] = &[
    // GB: 020 7183 8750 / 0207 183 8750; 0121 265 1664; 01632 960123; 013873 12345;
    // 07400 123456 / 07400 123 456; 070 1234 5678; 0800 123456.
    Layout { lead: &[b"2", b"5"], len: 10, shapes: &[&[3, 4, 4], &[4, 3, 4]], valid: gb, uniform: false },
    Layout { lead: &[b"1"], len: 10, shapes: &[&[4, 3, 4], &[5, 6], &[6, 5]], valid: gb, uniform: false },
    Layout { lead: &[b"1"], len: 9, shapes: &[&[5, 5], &[6, 4]], valid: gb, uniform: false },
    Layout { lead: &[b"3", b"8", b"9"], len: 10, shapes: &[&[4, 3, 4]], valid: gb, uniform: false },
    Layout { lead: &[b"8"], len: 9, shapes: &[&[4, 6], &[4, 3, 3]], valid: gb, uniform: false },
    Layout { lead: &[b"7"], len: 10, shapes: &[&[5, 6], &[5, 3, 3], &[3, 4, 4]], valid: gb, uniform: false },
    // FR: 06 12 34 56 78, 01.23.45.67.89.
    Layout { lead: &[b"1", b"2", b"3", b"4", b"5", b"6", b"7", b"8", b"9"], len: 9, shapes: &[&[2, 2, 2, 2, 2]], valid: fr, uniform: true },
    // FR special-rate numbers: 0 800 12 34 56.
    Layout { lead: &[b"8"], len: 9, shapes: &[&[1, 3, 2, 2, 2]], valid: fr, uniform: true },
    // IN: 098765 43210 (mobile); 011 2345 6789, 0124 234 5678, 01234 234 567 (fixed, by STD
    // code length).
    Layout { lead: &[b"6", b"7", b"8", b"9"], len: 10, shapes: &[&[6, 5]], valid: india, uniform: false },
    Layout { lead: IN_METRO, len: 10, shapes: &[&[3, 4, 4]], valid: india_metro, uniform: false },
    Layout { lead: IN_STD, len: 10, shapes: &[&[4, 3, 4]], valid: india_std3, uniform: false },
    Layout { lead: IN_STD, len: 10, shapes: &[&[5, 3, 3]], valid: india_std4, uniform: false },
    // AU: (02) 9374 4000 / 02 9374 4000; 0412 345 678.
    Layout { lead: &[b"2", b"3", b"7", b"8"], len: 9, shapes: &[&[2, 4, 4]], valid: au, uniform: false },
    Layout { lead: &[b"4"], len: 9, shapes: &[&[4, 3, 3]], valid: au, uniform: false },
];

/// True when `nsn` (national digits after the trunk 0), written in groups of `shape` (trunk
/// counted in the first group), is a national number of GB, DE, FR, IN or AU.
///
/// `uniform`: all separators are the same; `slash`: some separator is `/` (only German numbers
/// separate the area code with a slash).
pub(super) fn national_grouped(nsn: &[u8], shape: &[u8], uniform: bool, slash: bool) -> bool {
    if nsn.is_empty() || shape.is_empty() {
        return false;
    }
    if shape.len() == 2 && de_split(nsn, usize::from(shape[0]).saturating_sub(1)) {
        return true;
    }
    !slash
        && LAYOUTS.iter().any(|l| {
            l.len == nsn.len()
                && l.lead.iter().any(|p| nsn.starts_with(p))
                && l.shapes.contains(&shape)
                && (uniform || !l.uniform)
                && (l.valid)(nsn)
        })
}
