package io.fenz.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic zh-TW + English video corpus: titles and descriptions drawn from a Zipf-weighted
 * vocabulary (common topic words are frequent, a long tail of synthetic words keeps growing with
 * the corpus, as real vocabularies do). The same seed and row number always give the same text.
 */
final class Corpus {
  /** Common zh-TW topic words, most frequent first (Zipf rank = position). */
  static final List<String> ZH =
      List.of(
          "影片", "開箱", "教學", "分享", "台灣", "美食", "日常", "推薦", "心得", "旅遊", "貓咪", "料理", "遊戲", "音樂", "實測",
          "評測", "挑戰", "生活", "攻略", "介紹", "台北", "夜市", "咖啡", "手機", "科技", "健身", "登山", "狗狗", "翻唱", "實況",
          "高雄", "台中", "日本", "東京", "韓國", "拉麵", "甜點", "早餐", "便當", "火鍋", "吉他", "鋼琴", "演唱", "舞蹈", "攝影",
          "相機", "筆電", "耳機", "電競", "手遊", "新手", "入門", "進階", "技巧", "懶人包", "比較", "排行", "必買", "必吃", "必看",
          "露營", "單車", "自行車", "機車", "汽車", "電動車", "捷運", "高鐵", "火車", "飛機", "英文", "日文", "數學", "程式",
          "設計", "繪畫", "動畫", "漫畫", "電影", "影評", "股票", "投資", "理財", "存錢", "房地產", "創業", "工作", "面試", "職場",
          "學生", "寵物", "小貓", "柴犬", "倉鼠", "兔子", "鸚鵡", "水族", "花園", "植物", "多肉", "瑜珈", "跑步", "馬拉松", "籃球",
          "棒球", "足球", "羽球", "游泳", "重訓", "減脂", "阿里山", "日月潭", "墾丁", "花蓮", "台東", "宜蘭", "九份", "淡水",
          "澎湖", "金門", "珍珠奶茶", "滷肉飯", "牛肉麵", "小籠包", "鹽酥雞", "臭豆腐", "蚵仔煎", "刈包", "豆花", "芒果冰", "颱風",
          "地震", "選舉", "新聞", "時事", "討論", "訪談", "直播", "精華", "懶人", "搞笑", "惡搞", "反應", "整人", "情侶", "家庭",
          "育兒", "寶寶", "長輩", "婚禮", "化妝", "保養", "穿搭", "髮型", "香水", "包包", "球鞋", "手錶", "眼鏡", "飾品", "烘焙",
          "蛋糕", "麵包", "餅乾", "氣炸鍋", "電鍋", "快速", "簡單", "省錢", "平價", "老街", "古蹟", "博物館", "展覽", "市集",
          "溫泉", "海邊", "沙灘", "瀑布", "森林", "模型", "樂高", "公仔", "扭蛋", "桌遊", "魔術", "手作", "木工", "刺繡", "陶藝",
          "冥想", "睡眠", "讀書", "陪讀", "筆記", "考試", "留學", "打工", "度假", "背包客");

  /**
   * Common English words (and brand/model words people type in Latin script), most frequent first.
   */
  static final List<String> EN =
      List.of(
          "vlog",
          "review",
          "unboxing",
          "tutorial",
          "iphone",
          "taiwan",
          "taipei",
          "travel",
          "food",
          "music",
          "cover",
          "gaming",
          "live",
          "cat",
          "dog",
          "coffee",
          "guide",
          "tips",
          "best",
          "top",
          "camera",
          "laptop",
          "android",
          "samsung",
          "pixel",
          "switch",
          "playstation",
          "xbox",
          "steam",
          "minecraft",
          "cooking",
          "recipe",
          "ramen",
          "sushi",
          "bubble",
          "tea",
          "night",
          "market",
          "street",
          "hiking",
          "camping",
          "cycling",
          "running",
          "fitness",
          "yoga",
          "workout",
          "diet",
          "python",
          "java",
          "javascript",
          "design",
          "photography",
          "drone",
          "gopro",
          "anime",
          "movie",
          "trailer",
          "reaction",
          "challenge",
          "prank",
          "asmr",
          "study",
          "english",
          "japanese",
          "korean",
          "piano",
          "guitar",
          "drums",
          "dance",
          "kpop",
          "tokyo",
          "osaka",
          "kyoto",
          "seoul",
          "bangkok",
          "hongkong",
          "singapore",
          "budget",
          "luxury",
          "hotel",
          "airbnb",
          "flight",
          "train",
          "ebike",
          "tesla",
          "stock",
          "crypto",
          "invest",
          "money",
          "career",
          "interview",
          "startup",
          "productivity",
          "setup",
          "desk",
          "keyboard",
          "mouse",
          "monitor",
          "headphones",
          "earbuds");

  /** Model numbers and product names: mixed letters and digits, as in "iPhone 15" or "RTX 4090". */
  static final List<String> MODELS =
      List.of(
          "15", "16", "pro", "max", "ultra", "mini", "air", "m3", "m4", "rtx4090", "ps5", "s24",
          "4k", "2024", "2025", "5g");

  /** Characters the long tail of synthetic zh-TW words is built from. */
  private static final String TAIL_CHARS =
      "山水火木金土日月星雲風雨雪花草樹林海河湖島港城市街巷橋路村里家門窗燈書筆紙茶酒米麵飯菜魚肉雞鴨牛羊豬馬鳥龍虎鹿"
          + "紅橙黃綠藍紫黑白灰金銀彩光影聲音歌舞畫詩夢想愛心情笑淚春夏秋冬東南西北上下左右前後大小多少新舊高低長短快慢"
          + "甜鹹酸辣苦香軟硬冷熱晴陰早晚朝夕年週季節老少男女父母兄弟姐妹朋友師生王李張陳林黃吳劉蔡楊許鄭謝郭洪";

  private static final String[] BRACKETS = {
    "【%s】", "《%s》", "「%s」", "%s｜", "%s！", "%s？", "#%s", "%s"
  };

  private final long seed;
  private final double[] zhCdf;
  private final double[] enCdf;

  Corpus(long seed) {
    this.seed = seed;
    this.zhCdf = zipfCdf(ZH.size(), 20);
    this.enCdf = zipfCdf(EN.size(), 10);
  }

  record Doc(String title, String description) {}

  /** The document for row {@code n} (deterministic). */
  Doc doc(long n) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + n);
    int titleWords = 2 + rnd.nextInt(4);
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < titleWords; i++) {
      String w = word(rnd);
      if (i == 0 && rnd.nextInt(3) == 0) {
        w = String.format(BRACKETS[rnd.nextInt(BRACKETS.length)], w);
      }
      appendWord(title, w, rnd);
    }
    StringBuilder description = new StringBuilder();
    int sentences = 1 + rnd.nextInt(3);
    for (int s = 0; s < sentences; s++) {
      int words = 4 + rnd.nextInt(8);
      for (int i = 0; i < words; i++) {
        appendWord(description, word(rnd), rnd);
      }
      description.append(rnd.nextBoolean() ? "。" : "!\n");
    }
    return new Doc(title.toString().strip(), description.toString().strip());
  }

  private static void appendWord(StringBuilder sb, String w, SplittableRandom rnd) {
    boolean latin = !w.isEmpty() && w.charAt(0) < 0x2E80;
    boolean prevLatin = !sb.isEmpty() && sb.charAt(sb.length() - 1) < 0x2E80;
    // zh-TW writing: CJK words run together, Latin words are space-separated, sometimes punctuated.
    if (!sb.isEmpty() && (latin || prevLatin || rnd.nextInt(4) == 0)) {
      sb.append(rnd.nextInt(6) == 0 ? "，" : " ");
    }
    sb.append(w);
  }

  private String word(SplittableRandom rnd) {
    int kind = rnd.nextInt(100);
    if (kind < 45) {
      return ZH.get(pick(zhCdf, rnd));
    }
    if (kind < 70) {
      String w = EN.get(pick(enCdf, rnd));
      if (rnd.nextInt(5) == 0) {
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
      }
      return rnd.nextInt(8) == 0 ? w + " " + MODELS.get(rnd.nextInt(MODELS.size())) : w;
    }
    // long tail: a 2-3 character synthetic word; there are ~2M of them, most rare
    int len = 2 + rnd.nextInt(2);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append(TAIL_CHARS.charAt(rnd.nextInt(TAIL_CHARS.length())));
    }
    return sb.toString();
  }

  private static int pick(double[] cdf, SplittableRandom rnd) {
    double u = rnd.nextDouble();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Zipf-Mandelbrot weights 1/(rank + shift): the shift flattens the head so the most common topic
   * word is in roughly one document in ten, and the rarest listed words in about one in a hundred.
   */
  private static double[] zipfCdf(int n, int shift) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / (i + 1 + shift);
      cdf[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    return cdf;
  }

  /** All words of the fixed vocabulary (for building query mixes). */
  static List<String> vocabulary() {
    List<String> all = new ArrayList<>(ZH);
    all.addAll(EN);
    return all;
  }
}
