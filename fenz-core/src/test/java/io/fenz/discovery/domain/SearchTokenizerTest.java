package io.fenz.discovery.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTokenizerTest {
  /** INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD. */
  static final Set<String> INNODB_STOPWORDS =
      Set.of(
          "a", "about", "an", "are", "as", "at", "be", "by", "com", "de", "en", "for", "from",
          "how", "i", "in", "is", "it", "la", "of", "on", "or", "that", "the", "this", "to", "was",
          "what", "when", "where", "who", "will", "with", "und", "www");

  static final Pattern TOKEN = Pattern.compile("[a-z0-9]{3,84}");
  static final Pattern QUERY_ALPHABET = Pattern.compile("[a-z0-9 +\\-()\"]+");

  /**
   * True when {@code query} yields a boolean query that selects a row with this title/description.
   */
  static boolean finds(String query, String title, String description) {
    Optional<String> expr = SearchTokenizer.booleanQuery(query);
    return expr.isPresent()
        && BooleanModeEvaluator.matches(expr.get(), SearchTokenizer.indexText(title, description));
  }

  static boolean findsTitle(String query, String title) {
    return finds(query, title, "");
  }

  static void assertIndexTokensSafe(String indexText) {
    for (String token : BooleanModeEvaluator.tokens(indexText)) {
      assertThat(token).matches(TOKEN).doesNotContain("_");
      assertThat(INNODB_STOPWORDS).doesNotContain(token);
      assertThat(token.charAt(0)).isIn('t', 'd');
    }
  }

  static void assertQuerySafe(Optional<String> expr) {
    expr.ifPresent(
        e -> {
          assertThat(e).matches(QUERY_ALPHABET);
          assertThatCode(() -> BooleanModeEvaluator.clauseCount(e)).doesNotThrowAnyException();
        });
  }

  @Nested
  class Cjk {
    @Test
    void singleCharacterFindsItInsideARun() {
      assertThat(findsTitle("貓", "小貓咪影片")).isTrue();
      assertThat(findsTitle("片", "小貓咪影片")).isTrue();
    }

    @Test
    void multiCharacterRunMatchesByBigrams() {
      assertThat(findsTitle("貓咪", "小貓咪影片")).isTrue();
      assertThat(findsTitle("小貓咪影片", "小貓咪影片")).isTrue();
      assertThat(findsTitle("咪影", "小貓咪影片")).isTrue();
    }

    @Test
    void absentCharactersOrOrderDoNotMatch() {
      assertThat(findsTitle("狗", "小貓咪影片")).isFalse();
      assertThat(findsTitle("貓狗", "小貓咪影片")).isFalse();
      assertThat(findsTitle("咪貓", "小貓咪影片")).isFalse();
    }

    @Test
    void bigramsOfARunAreEachRequiredNotAsAPhrase() {
      // documented approximation: both bigrams present, not adjacent
      assertThat(findsTitle("貓咪影", "貓咪 咪影")).isTrue();
      assertThat(SearchTokenizer.booleanQuery("貓咪影").orElseThrow())
          .startsWith("+(tb")
          .contains(") +(tb");
    }

    @Test
    void kanaHangulAndProlongedSoundMark() {
      assertThat(findsTitle("コーヒー", "おいしいコーヒーの淹れ方")).isTrue();
      assertThat(findsTitle("ひー", "おいしいコーヒーの淹れ方")).isFalse();
      assertThat(findsTitle("淹れ", "おいしいコーヒーの淹れ方")).isTrue();
      assertThat(findsTitle("고양", "귀여운 고양이 영상")).isTrue();
      assertThat(findsTitle("강아지", "귀여운 고양이 영상")).isFalse();
    }

    @Test
    void halfWidthKatakanaFoldsToFullWidth() {
      assertThat(SearchTokenizer.indexText("ｺｰﾋｰ", ""))
          .isEqualTo(SearchTokenizer.indexText("コーヒー", ""));
      assertThat(findsTitle("ｺｰﾋｰ", "コーヒー")).isTrue();
    }

    @Test
    void mixedScriptRunsSplit() {
      assertThat(findsTitle("開箱", "iPhone15開箱")).isTrue();
      assertThat(findsTitle("iphone15", "iPhone15開箱")).isTrue();
      assertThat(findsTitle("iphone15開箱", "iPhone15開箱")).isTrue();
      assertThat(findsTitle("iphone", "iPhone15開箱")).isFalse();
    }

    @Test
    void supplementaryPlaneHanRoundTrips() {
      String title = "𠮷野家の牛丼"; // U+20BB7
      assertThat(findsTitle("𠮷", title)).isTrue();
      assertThat(findsTitle("𠮷野", title)).isTrue();
      assertIndexTokensSafe(SearchTokenizer.indexText(title, ""));
    }
  }

  @Nested
  class LatinAndShortWords {
    @Test
    void mixedQueryNeedsEveryTerm() {
      String title = "【開箱】iPhone 15 Pro 實測";
      assertThat(findsTitle("iPhone 開箱", title)).isTrue();
      assertThat(findsTitle("iPhone 開箱", "Android 開箱")).isFalse();
      assertThat(findsTitle("iphone 15 pro", title)).isTrue();
      assertThat(findsTitle("iphone 16", title)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AI", "3D", "go", "C", "x", "4k", "the", "how", "to", "www", "a"})
    void shortWordsAndStopwordsAreFindable(String word) {
      String title = "Learn " + word + " today";
      assertThat(findsTitle(word, title)).isTrue();
      assertThat(findsTitle(word.toLowerCase(), title)).isTrue();
      assertThat(findsTitle(word, "Learn something today")).isFalse();
      assertIndexTokensSafe(SearchTokenizer.indexText(title, ""));
    }

    @Test
    void wordsMatchWholeNotAsSubstring() {
      assertThat(findsTitle("ai", "Paint with AI")).isTrue();
      assertThat(findsTitle("ai", "Painting")).isFalse();
      assertThat(findsTitle("3d", "3D printing")).isTrue();
      assertThat(findsTitle("3", "3D printing")).isFalse();
    }

    @Test
    void fullWidthAndCaseFoldExactlyLikeIndexing() {
      assertThat(SearchTokenizer.indexText("ｉＰｈｏｎｅ", ""))
          .isEqualTo(SearchTokenizer.indexText("iphone", ""));
      assertThat(SearchTokenizer.indexText("ＩＰＨＯＮＥ １５", ""))
          .isEqualTo(SearchTokenizer.indexText("iPhone 15", ""));
      assertThat(SearchTokenizer.booleanQuery("ｉＰｈｏｎｅ"))
          .isEqualTo(SearchTokenizer.booleanQuery("iphone"));
      assertThat(findsTitle("ｉＰｈｏｎｅ", "iPhone 15")).isTrue();
      assertThat(findsTitle("iphone", "ｉＰｈｏｎｅ１５ Ｐｒｏ")).isFalse(); // "iphone15" is one word
      assertThat(findsTitle("iphone15", "ｉＰｈｏｎｅ１５ Ｐｒｏ")).isTrue();
    }

    @Test
    void punctuationInsideATermSplitsIntoRequiredWords() {
      assertThat(findsTitle("iphone-15", "iPhone 15")).isTrue();
      assertThat(findsTitle("iphone-15", "iPhone 14")).isFalse();
      assertThat(findsTitle("c++", "C++ tutorial")).isTrue();
      assertThat(findsTitle("rock'n'roll", "Rock n roll history")).isTrue();
    }

    @Test
    void nonAsciiLettersAreEncoded() {
      assertThat(findsTitle("Café", "café au lait")).isTrue();
      assertThat(findsTitle("ΚΑΦΕ", "καφε")).isTrue();
      assertThat(findsTitle("кофе", "Кофе и чай")).isTrue();
      assertThat(findsTitle("cafe", "café")).isFalse(); // no accent folding (documented)
      assertIndexTokensSafe(SearchTokenizer.indexText("Кофе café ﬁle ½", ""));
    }

    @Test
    void overLongWordsAreTruncatedConsistently() {
      String ascii = "a".repeat(300);
      String cyrillic = "ж".repeat(100);
      String index = SearchTokenizer.indexText(ascii + " " + cyrillic, "");
      assertIndexTokensSafe(index);
      assertThat(findsTitle(ascii, ascii)).isTrue();
      assertThat(findsTitle(cyrillic, cyrillic)).isTrue();
    }
  }

  @Nested
  class Phrases {
    @Test
    void latinPhraseOrderMatters() {
      assertThat(findsTitle("\"iphone 15\"", "iPhone 15 Pro")).isTrue();
      assertThat(findsTitle("\"iphone 15\"", "15 iPhone cases")).isFalse();
      assertThat(findsTitle("\"iphone pro\"", "iPhone 15 Pro")).isFalse();
      assertThat(findsTitle("iphone pro", "iPhone 15 Pro")).isTrue();
    }

    @Test
    void cjkPhraseUsesTheBigramSequence() {
      assertThat(findsTitle("\"小貓咪\"", "小貓咪影片")).isTrue();
      assertThat(findsTitle("\"貓咪影片\"", "小貓咪影片")).isTrue();
      assertThat(findsTitle("\"貓小\"", "小貓咪影片")).isFalse();
      // both bigrams present but not in sequence: the bare term matches, the phrase does not
      assertThat(findsTitle("貓咪影", "咪影 貓咪")).isTrue();
      assertThat(findsTitle("\"貓咪影\"", "咪影 貓咪")).isFalse();
      assertThat(SearchTokenizer.booleanQuery("\"小貓咪\"").orElseThrow())
          .matches("\\+\\(\"tb[a-z0-9]{8} tb[a-z0-9]{8}\" \"db[a-z0-9]{8} db[a-z0-9]{8}\"\\)");
    }

    @Test
    void mixedPhraseAndPunctuationInsidePhrase() {
      assertThat(findsTitle("\"開箱 iPhone\"", "【開箱】iPhone 15 Pro 實測")).isTrue();
      assertThat(findsTitle("\"iPhone, 15!\"", "iPhone 15 Pro")).isTrue();
    }

    @Test
    void phraseMatchesWithinDescriptionButNeverAcrossFields() {
      assertThat(finds("\"iphone 15\"", "unboxing", "my new iPhone 15 today")).isTrue();
      assertThat(finds("\"iphone 15\"", "my iPhone", "15 minutes")).isFalse();
    }

    @Test
    void phraseFollowsDocumentOrderEvenWithRepeatedWords() {
      // the ordered stream keeps repeats, so a phrase around a second occurrence still matches
      assertThat(findsTitle("\"cat video\"", "cat dog cat video")).isTrue();
      assertThat(findsTitle("\"dog cat video\"", "cat dog cat video")).isTrue();
    }

    @Test
    void curlyAndUnterminatedQuotes() {
      assertThat(findsTitle("“iphone 15”", "iPhone 15 Pro")).isTrue();
      assertThat(findsTitle("“15 iphone”", "iPhone 15 Pro")).isFalse();
      assertThat(findsTitle("\"iphone 15", "iPhone 15 Pro")).isTrue();
      assertThat(findsTitle("\"15 iphone", "iPhone 15 Pro")).isFalse();
    }

    @Test
    void singleTokenPhraseIsAPlainTerm() {
      assertThat(SearchTokenizer.booleanQuery("\"AI\""))
          .isEqualTo(SearchTokenizer.booleanQuery("AI"));
    }
  }

  @Nested
  class Exclusion {
    @Test
    void leadingMinusExcludes() {
      assertThat(finds("iPhone -開箱", "【開箱】iPhone 15 Pro 實測", "")).isFalse();
      assertThat(finds("iPhone -開箱", "iPhone 15 Pro 實測", "")).isTrue();
      assertThat(finds("iPhone -開箱", "iPhone 15 Pro", "本影片開箱")).isFalse(); // description counts
      assertThat(finds("iphone -android", "iPhone vs Android", "")).isFalse();
    }

    @Test
    void excludedRunOrPhraseExcludesTheSequenceOnly() {
      assertThat(finds("影片 -小貓咪", "小貓咪影片", "")).isFalse();
      assertThat(finds("影片 -小貓咪", "小貓 咪咪 影片", "")).isTrue();
      assertThat(finds("iphone -\"15 pro\"", "iPhone 15 Pro", "")).isFalse();
      assertThat(finds("iphone -\"15 pro\"", "iPhone Pro 15", "")).isTrue();
      assertThat(finds("iphone -iphone-15", "iPhone 15", "")).isFalse();
      assertThat(finds("iphone -iphone-15", "iPhone 14 vs 15", "")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-開箱", "-iphone -android", "-\"iphone 15\"", "--drop", "+-x"})
    void exclusionsOnlyAreEmpty(String query) {
      assertThat(SearchTokenizer.booleanQuery(query)).isEmpty();
      assertThat(SearchTokenizer.titleBoostQuery(query)).isEmpty();
    }

    @Test
    void minusInsideAWordIsASeparatorNotAnExclusion() {
      assertThat(finds("wi-fi", "Wi-Fi setup", "")).isTrue();
      assertThat(SearchTokenizer.booleanQuery("wi-fi").orElseThrow()).doesNotContain("-(");
    }
  }

  @Nested
  class Safety {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          " ",
          "\t\n",
          "+",
          "-",
          "\"",
          "\"\"",
          "*",
          "()",
          "(",
          ")",
          "~",
          "<>",
          "<",
          ">",
          "@",
          "+-",
          "--",
          "++",
          "+\"\"",
          "-\"\"",
          "'",
          ";",
          "%",
          "_",
          "\\",
          "^",
          "$",
          ".*",
          "' ; -- % _ \\ ^ $ .*",
          "\u3000",
          "＋",
          "－",
          "＂",
          "“”",
          "（）",
          "【】",
          "。",
          "!!!",
          "\u0000",
          "\u200B",
          "\uFEFF",
          "\u0301"
        })
    void operatorsAndMetacharactersAloneAreEmpty(String query) {
      assertThat(SearchTokenizer.booleanQuery(query)).isEmpty();
      assertThat(SearchTokenizer.titleBoostQuery(query)).isEmpty();
    }

    @Test
    void nullInputs() {
      assertThat(SearchTokenizer.booleanQuery(null)).isEmpty();
      assertThat(SearchTokenizer.titleBoostQuery(null)).isEmpty();
      assertThat(SearchTokenizer.indexText(null, null)).isEmpty();
      assertThat(SearchTokenizer.indexText("AI", null)).isEqualTo("twai");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "foo' OR 1=1; --",
          "x\"); DROP TABLE videos; --",
          "a*b* c~ <d >e @8 (f g)",
          "%_\\^$.*[a-z]+ 貓' --",
          "\"unterminated ( phrase",
          "-(ai 3d) +\"x\"y\"",
          "\\\"ai\\\"",
          "@3"
        })
    void injectionAttemptsStayInTheAlphabetAndParse(String query) {
      Optional<String> expr = SearchTokenizer.booleanQuery(query);
      assertThat(expr).isPresent();
      assertQuerySafe(expr);
      assertQuerySafe(SearchTokenizer.titleBoostQuery(query));
    }

    @Test
    void exactOutputFormat() {
      assertThat(SearchTokenizer.booleanQuery("AI")).contains("+(twai dwai)");
      assertThat(SearchTokenizer.booleanQuery("+AI -3D \"iPhone 15\""))
          .contains("+(twai dwai) -(tw3d dw3d) +(\"twiphone tw15\" \"dwiphone dw15\")");
      assertThat(SearchTokenizer.titleBoostQuery("+AI -3D \"iPhone 15\""))
          .contains("twai \"twiphone tw15\"");
      assertThat(SearchTokenizer.booleanQuery("貓")).contains("+(tu0rrn du0rrn)");
      assertThat(SearchTokenizer.indexText("小貓", "貓")).isEqualTo("tb0i6n0rrn tu0i6n tu0rrn du0rrn");
    }

    @Test
    void duplicateTermsCollapseAndClauseCountIsBounded() {
      assertThat(SearchTokenizer.booleanQuery("ai AI ａｉ")).contains("+(twai dwai)");
      String many =
          String.join(
              " ", java.util.stream.IntStream.range(0, 200).mapToObj(i -> "w" + i).toList());
      assertThat(BooleanModeEvaluator.clauseCount(SearchTokenizer.booleanQuery(many).orElseThrow()))
          .isEqualTo(SearchTokenizer.MAX_QUERY_CLAUSES);
    }

    @Test
    void randomInputNeverEscapesTheAlphabet() {
      String pool =
          "aZ09 \t\n\"'+-*()<>~@;%_\\^$.,!?[]{}|/=&#`貓咪小影片開箱カタｶﾀーㅎ한글ＡＢ１２＂＋－“”【】。、"
              + "\u3000\u0301\u200B\uFEFFéß𠮷İ";
      int[] cps = pool.codePoints().toArray();
      Random random = new Random(42);
      for (int n = 0; n < 5000; n++) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(40);
        for (int i = 0; i < len; i++) {
          sb.appendCodePoint(cps[random.nextInt(cps.length)]);
        }
        String s = sb.toString();
        assertQuerySafe(SearchTokenizer.booleanQuery(s));
        assertQuerySafe(SearchTokenizer.titleBoostQuery(s));
        assertThat(SearchTokenizer.booleanQuery(s).isPresent())
            .isEqualTo(SearchTokenizer.titleBoostQuery(s).isPresent());
        assertIndexTokensSafe(SearchTokenizer.indexText(s, s));
      }
    }
  }

  @Nested
  class IndexText {
    @Test
    void everyTokenIsInnoDbSafe() {
      assertIndexTokensSafe(
          SearchTokenizer.indexText(
              "【開箱】iPhone 15 Pro 實測 AI 3D go a I the",
              "How to: it is what it is — www.example.com/de/en ①②③ ｶﾀｶﾅ"));
    }

    @Test
    void titleAndDescriptionUseDistinctMarkers() {
      String index = SearchTokenizer.indexText("AI", "3D");
      assertThat(index).isEqualTo("twai dw3d");
      assertThat(finds("ai", "AI", "")).isTrue();
      assertThat(finds("ai", "", "AI")).isTrue();
      assertThat(finds("ai 3d", "AI", "3D")).isTrue(); // terms may be split across fields
    }

    @Test
    void titleBoostScoresTitleHitsAboveDescriptionOnlyHits() {
      String q = "iPhone 開箱";
      String tq = SearchTokenizer.titleBoostQuery(q).orElseThrow();
      assertThat(tq).doesNotContain("+", "-", "(").doesNotContainPattern("(^| |\")d");
      String both = SearchTokenizer.indexText("iPhone 開箱", "iPhone 開箱");
      String titleOne = SearchTokenizer.indexText("iPhone review", "開箱");
      String descOnly = SearchTokenizer.indexText("review", "iPhone 開箱");
      assertThat(BooleanModeEvaluator.score(tq, both)).isEqualTo(2);
      assertThat(BooleanModeEvaluator.score(tq, titleOne)).isEqualTo(1);
      assertThat(BooleanModeEvaluator.score(tq, descOnly)).isZero();
      assertThat(BooleanModeEvaluator.matches(tq, descOnly)).isFalse();
      for (String row : List.of(both, titleOne, descOnly)) {
        assertThat(BooleanModeEvaluator.matches(SearchTokenizer.booleanQuery(q).orElseThrow(), row))
            .isTrue();
      }
    }

    @Test
    void unigramsAreDeduplicatedAndRunsKeepBigramsInOrder() {
      List<String> tokens = BooleanModeEvaluator.tokens(SearchTokenizer.indexText("貓貓貓 貓", ""));
      // stream: bigram x2 (run "貓貓貓"), unigram (standalone run "貓"); bag: unigram already in stream
      assertThat(tokens).hasSize(3);
      assertThat(tokens.get(0)).isEqualTo(tokens.get(1)).startsWith("tb");
      assertThat(tokens.get(2)).startsWith("tu");
      List<String> bag = BooleanModeEvaluator.tokens(SearchTokenizer.indexText("小貓咪小貓", ""));
      assertThat(bag.stream().filter(t -> t.startsWith("tu"))).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void repeatedLinesAreDropped() {
      String line = "#貓咪 #cat #cute";
      String once = SearchTokenizer.indexText("", line);
      String thrice = SearchTokenizer.indexText("", line + "\n" + line + "\r\n\n" + line);
      assertThat(thrice).isEqualTo(once);
    }

    @Test
    void outputIsBounded() {
      String cjk = "貓咪小狗影片開箱實測教學".repeat(500);
      String index = SearchTokenizer.indexText(cjk, cjk);
      // title cut at 200 code points, description at 5000; ~11 chars per bigram + 7 per unigram
      assertThat(index.length()).isLessThan(200 * 18 + 5000 * 18);
      assertIndexTokensSafe(index);
      StringBuilder huge = new StringBuilder();
      for (int i = 0; i < 5000; i++) {
        huge.appendCodePoint(0x4E00 + i);
      }
      String worst = SearchTokenizer.indexText("", huge.toString());
      assertThat(worst.length()).isLessThanOrEqualTo(5000 * 18);
      assertThat(finds("\u4E00\u4E01", "", huge.toString())).isTrue();
      assertThat(finds("\u4E00\u4E01", "", huge + "extra")).isTrue();
    }

    @Test
    void compatibilityCharactersAreFolded() {
      assertThat(findsTitle("1", "①")).isTrue();
      assertThat(findsTitle("km", "5 ㎞ run")).isTrue();
      assertThat(findsTitle("km", "5㎞ run")).isFalse(); // "5km" is one word
      assertThat(findsTitle("株式会社", "㍿")).isTrue();
    }
  }
}
