//go:build duckdb_arrow

package report

// provinceNames are the English names of China's provincial divisions
// by the first two digits of their GB/T 2260 code.
var provinceNames = map[string]string{
	"11": "Beijing Municipality", "12": "Tianjin Municipality", "13": "Hebei Province", "14": "Shanxi Province",
	"15": "Inner Mongolia Autonomous Region", "21": "Liaoning Province", "22": "Jilin Province", "23": "Heilongjiang Province",
	"31": "Shanghai Municipality", "32": "Jiangsu Province", "33": "Zhejiang Province", "34": "Anhui Province",
	"35": "Fujian Province", "36": "Jiangxi Province", "37": "Shandong Province", "41": "Henan Province",
	"42": "Hubei Province", "43": "Hunan Province", "44": "Guangdong Province", "45": "Guangxi Zhuang Autonomous Region",
	"46": "Hainan Province", "50": "Chongqing Municipality", "51": "Sichuan Province", "52": "Guizhou Province",
	"53": "Yunnan Province", "54": "Tibet Autonomous Region", "61": "Shaanxi Province", "62": "Gansu Province",
	"63": "Qinghai Province", "64": "Ningxia Hui Autonomous Region", "65": "Xinjiang Uygur Autonomous Region",
}

// provinceEnglish is a province's English name ("Shanxi Province"), or,
// for a code outside GB/T 2260, its Chinese name and code.
func provinceEnglish(code, name string) string {
	if len(code) >= 2 {
		if n, ok := provinceNames[code[:2]]; ok {
			return n
		}
	}
	return name + " (" + code + ")"
}
