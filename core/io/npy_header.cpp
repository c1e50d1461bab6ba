#include "io/npy_header.h"

#include "base/input_error.h"
#include "base/quoted_text.h"

#include <utility>

namespace unfold {

namespace {

class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  NpyHeader parse() {
    NpyHeader header;
    bool haveDescr = false, haveOrder = false, haveShape = false;
    skipSpace();
    expect('{', "the header does not start with '{'");
    while (true) {
      skipSpace();
      if (peek() == '}') break;  // an empty dict, or a trailing comma
      const std::string key = string("a key");
      skipSpace();
      expect(':', "expected ':' after the key " + quotedInput(key));
      skipSpace();
      // A repeated key is legal Python (the last one wins), as numpy sees it.
      if (key == "descr") {
        header.descr = string("descr");
        haveDescr = true;
      } else if (key == "fortran_order") {
        header.fortranOrder = boolean();
        haveOrder = true;
      } else if (key == "shape") {
        header.shape = tuple();
        haveShape = true;
      } else {
        fail("unexpected key " + quotedInput(key) + " (numpy allows only descr, fortran_order and shape)");
      }
      skipSpace();
      if (peek() == ',') {
        ++at_;
        continue;
      }
      if (peek() != '}') fail("expected ',' or '}' after the value of " + quotedInput(key));
      break;
    }
    ++at_;  // '}'
    skipSpace();
    if (at_ != text_.size()) {
      std::string_view junk = text_.substr(at_);
      while (!junk.empty() && (junk.back() == ' ' || junk.back() == '\n')) junk.remove_suffix(1);
      fail("unexpected text after '}': " + quotedInput(junk));
    }
    for (const auto& [have, key] : {std::pair{haveDescr, "descr"}, {haveOrder, "fortran_order"}, {haveShape, "shape"}})
      if (!have) throw InputError(source_ + ": the .npy header has no '" + key + "' field");
    return header;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(source_ + ": malformed .npy header: " + what);
  }
  char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
  void skipSpace() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) ++at_;
  }
  void expect(char ch, const std::string& what) {
    if (peek() != ch) fail(what);
    ++at_;
  }
  // A Python string literal in single or double quotes; a backslash escapes the next character.
  std::string string(const std::string& what) {
    const char quote = peek();
    if (quote != '\'' && quote != '"') fail(what + " must be a quoted string");
    ++at_;
    std::string out;
    while (at_ < text_.size() && text_[at_] != quote) {
      if (text_[at_] == '\n') break;
      if (text_[at_] == '\\' && at_ + 1 < text_.size()) ++at_;
      out.push_back(text_[at_++]);
    }
    if (peek() != quote) fail("unterminated string in " + what);
    ++at_;
    return out;
  }
  bool boolean() {
    if (text_.substr(at_, 4) == "True") { at_ += 4; return true; }
    if (text_.substr(at_, 5) == "False") { at_ += 5; return false; }
    fail("fortran_order must be True or False, not " + quotedInput(text_.substr(at_, 20)));
  }
  long long integer() {
    const size_t start = at_;
    long long value = 0;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
      if (value > (1LL << 56)) fail("a dimension of the shape is too large: " + quotedInput(text_.substr(start, 30)));
      value = value * 10 + (text_[at_++] - '0');
    }
    if (at_ == start) {
      const size_t end = text_.find_first_of(",) \n", start);
      fail("bad dimension " + quotedInput(text_.substr(start, end == std::string_view::npos ? 20 : end - start)) +
           " in shape (non-negative integers only)");
    }
    if (text_[start] == '0' && at_ - start > 1) fail("the shape has a number with a leading zero (not Python)");
    if (peek() == 'L') ++at_;  // Python 2 long, which numpy still accepts in old headers
    return value;
  }
  // "(" [int ("," int)* [","]] ")", where one element needs its comma: "(10)" is an int, not a tuple.
  std::vector<long long> tuple() {
    expect('(', "the shape must be a tuple such as (3, 4)");
    std::vector<long long> dims;
    bool lastComma = false;
    while (true) {
      skipSpace();
      if (peek() == ')') break;
      dims.push_back(integer());
      skipSpace();
      lastComma = peek() == ',';
      if (lastComma) { ++at_; continue; }
      if (peek() != ')') fail("expected ',' or ')' in the shape");
      break;
    }
    ++at_;
    if (dims.size() == 1 && !lastComma) fail("the shape (" + std::to_string(dims[0]) + ") is not a tuple (write (" +
                                             std::to_string(dims[0]) + ",))");
    return dims;
  }

  std::string_view text_;
  const std::string& source_;
  size_t at_ = 0;
};

}  // namespace

NpyHeader parseNpyHeader(std::string_view header, const std::string& source) { return HeaderParser(header, source).parse(); }

}  // namespace unfold
