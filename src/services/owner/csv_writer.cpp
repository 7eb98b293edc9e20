#include "services/owner/csv_writer.h"

namespace services {

std::string CsvField(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 3);
  out += '"';
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
                         value[0] == '\r')) {
    out += '\'';
  }
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void CsvWriter::Row(std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) text_ += ',';
    first = false;
    text_ += CsvField(f);
  }
  text_ += "\r\n";
  ++rows_;
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) text_ += ',';
    first = false;
    text_ += CsvField(f);
  }
  text_ += "\r\n";
  ++rows_;
}

}  // namespace services
