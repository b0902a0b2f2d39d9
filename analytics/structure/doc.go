// Package structure measures the industry structure of a province and its
// cities year by year, for the industry-structure report (产业结构动态调整
// 报告): the shares of the three sectors and of the industries in output
// and employment, the structural deviation between the two, the location
// quotients of the cities, the shift-share decomposition of their
// employment change, the concentration of an economy in few industries,
// the speed of structural change, and forecast shares to the plan years.
// It is pure Go over []float64 and imports only the standard library and
// analytics/internal/numeric.
//
// All functions take the figures of one year (or two years, for change)
// as slices indexed by sector or industry; the caller loops over years and
// cities. The units do not matter (万人, 亿元): every measure is built from
// shares.
//
// # Shares
//
// Shares divides each value by the total, x_i / Σ_j x_j: the three-sector
// structure of value added (e.g. Shanxi 2023, 5.4 : 51.9 : 42.7) or of
// employment (23.4 : 25.5 : 51.1), or the shares of the industries of a
// city.
//
// # Structural deviation
//
// Where a sector's share of output differs from its share of employment,
// its labour productivity differs from the average, and labour would gain
// by moving. The structural deviation (结构偏离度) of sector i is
//
//	D_i = (Y_i/Y) / (L_i/L) − 1
//
// with Y_i its value added and L_i its employment, Y and L the totals. D_i
// is 0 in balance, positive in a sector that produces more per worker than
// the average (it could absorb labour) and negative in one with surplus
// labour; Σ_i (L_i/L)·D_i = 0. Deviation returns the D_i and the total
// deviation
//
//	E = Σ_i |D_i|
//
// the measure of the rationalisation of the structure that Gan, Zheng & Yu
// (2011) start from. Because E weights a small sector as much as a large
// one, they propose instead the Theil index
//
//	TL = Σ_i (Y_i/Y) · ln((Y_i/L_i) / (Y/L))
//
// which Theil returns. TL is the Kullback–Leibler divergence of the output
// structure from the employment structure: TL ≥ 0, and TL = 0 exactly when
// the two coincide. With Shanxi's 2023 figures (value added 1,388.96 :
// 13,329.69 : 10,979.64 亿元, employment 23.42 : 25.47 : 51.12 %):
//
//	output := []float64{1388.96, 13329.69, 10979.64}
//	employment := []float64{23.42, 25.47, 51.12}
//	d, total, err := structure.Deviation(output, employment)
//	// d ≈ [−0.769 1.037 −0.164], total ≈ 1.970
//	tl, err := structure.Theil(output, employment) // ≈ 0.213
//
// The primary sector holds almost a quarter of the workers for a twentieth
// of the output; the secondary sector, mining above all, produces twice the
// average per worker.
//
// # Location quotients
//
// The location quotient (区位熵) of industry i in region c compares the
// industry's share of the region's employment with its share of a
// reference economy's (Isard 1960):
//
//	LQ_ci = (e_ci / e_c) / (E_i / E)
//
// LQ > 1 marks an industry in which the city is more specialised than the
// province. LocationQuotients takes a region × industry table; the
// reference is the sum of its rows, or a given row such as the province's
// own totals or the nation's. It is NaN for a region without employment
// and for an industry absent from the reference.
//
// E is the reference's whole employment, including the industries the
// region lacks. RegionQuotients takes a city's and its province's
// employment by industry code and builds the reference so (Reference: the
// city's industries, and one more entry for the rest of the province).
//
// # Shift-share
//
// Shift-share analysis (偏离—份额分析; Dunn 1960) splits a region's
// employment change in industry i between a base year 0 and an end year 1
// into three effects against a reference, usually the province:
//
//	e1_i − e0_i = e0_i·G  +  e0_i·(G_i − G)  +  e0_i·(g_i − G_i)
//	              growth     industry mix       competitive
//
// where G is the reference's overall growth rate, G_i its growth in
// industry i and g_i the region's. The growth effect (份额分量) is the
// change had the industry grown as the whole reference economy; the mix
// effect (结构偏离分量) is positive for an industry that grows fast in the
// reference, so a region gains from holding much of it; the competitive
// effect (竞争力偏离分量) is what the region did better or worse than the
// reference in the same industry. Decompose returns the three per industry
// and in total; they sum to the change up to rounding. An
// industry new to the region counts wholly as competitive effect.
//
// G is the growth of the whole reference, industries the region lacks
// included: a province that grows 300 → 410 through an industry its city
// does not have has G = 11/30, not the growth of the city's industries.
// RegionShiftShare takes a city's and its province's employment by
// industry code in the two years and builds the reference so (Reference). The
// extension of Esteban-Marquillas (1972), which splits the competitive
// effect by a homothetic employment, is not implemented.
//
// # Concentration
//
// The Herfindahl–Hirschman index of the shares s_i (Hirschman 1945, 1964;
// Herfindahl 1950),
//
//	HHI = Σ_i s_i²
//
// lies between 1/n, when n industries are of equal size, and 1, when one
// industry is everything; 1/HHI is the "equivalent number" of equal
// industries. HHI measures how far a city's employment or output depends on
// few industries (for Shanxi, on coal).
//
// # Structural change
//
// Moore (1978) measures the change between two structures by the angle
// between them as vectors of shares:
//
//	cos θ = Σ_i s0_i·s1_i / (√(Σ_i s0_i²) · √(Σ_i s1_i²))
//
// Moore returns cos θ (the Moore structural change value, Moore 结构变化值)
// and θ in degrees: 0 for no change, 90 for two structures with no industry
// in common. θ per year, over consecutive years, is the speed of the
// structural change; over the output shares of Shanxi from 2021 to 2023 it
// is about 2.5°.
//
// # Forecast shares
//
// The structure in the plan years (2025, 2030, 2035) comes from forecasts
// of its parts, each forecast on its own. ShareForecast turns the forecast
// paths of the parts (components[k][h], part k at step h) into shares per
// step (out[h][k]), each row summing to 1, counting a negative forecast as
// zero. The rows can be compared with today's shares by Moore and HHI.
//
// # Errors
//
// Invalid arguments (ragged or empty slices, NaN, ±Inf or negative values,
// zero totals where a total divides) are errors prefixed "structure: "
// naming the argument and index; no input makes a function panic. Shares
// and HHI, which return no error, return NaN where they are undefined, and
// LocationQuotients and Deviation return NaN for an entry that is
// undefined.
// Sums are formed after scaling by the largest value, so large figures do
// not overflow.
//
// # References
//
//   - Dunn, E.S. (1960). A statistical and analytical technique for
//     regional analysis. Papers and Proceedings of the Regional Science
//     Association 6, 97–112: shift-share analysis.
//   - Esteban-Marquillas, J.M. (1972). A reinterpretation of shift-share
//     analysis. Regional and Urban Economics 2(3), 249–255.
//   - Isard, W. (1960). Methods of Regional Analysis: An Introduction to
//     Regional Science. Cambridge, MA: MIT Press: the location quotient.
//   - Hirschman, A.O. (1945). National Power and the Structure of Foreign
//     Trade. Berkeley: University of California Press; and (1964). The
//     paternity of an index. American Economic Review 54(5), 761.
//   - Herfindahl, O.C. (1950). Concentration in the U.S. Steel Industry.
//     Doctoral dissertation, Columbia University.
//   - Moore, J.H. (1978). A measure of structural change in output. Review
//     of Income and Wealth 24(1), 105–118.
//   - 干春晖, 郑若谷, 余典范 (Gan C., Zheng R. & Yu D.) (2011).
//     中国产业结构变迁对经济增长和波动的影响 (The impact of China's
//     industrial structure change on economic growth and fluctuation).
//     经济研究 (Economic Research Journal) 2011(5): the total structural
//     deviation E and the Theil index TL of rationalisation.
//   - The Shanxi figures above are the published ones for 2021 and 2023
//     collected in shanxi_facts.md (see datasets/shanxi/README.md).
package structure
