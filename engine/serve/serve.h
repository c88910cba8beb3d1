// The proof desk: `paiban serve` — a local web page with every page of the
// issue, its fit report and notices, rebuilt and pushed to the browser on each
// save, and a button that sends the print PDF to press.
#pragma once

#include <functional>
#include <string>

namespace paiban {

struct ServeOptions {
  std::string issue_dir;
  std::string root;              // layouts/ and fonts/; empty = found from the issue folder
  std::string bind = "127.0.0.1";
  int port = 8080;               // 0 = any free port
  std::string output;            // where "send to press" writes the PDF (default out/<issue>.pdf)
  double dpi = 100;              // page images: readable at full size, thumbnails scale them down
  // Told the address to open once the server listens (default: printed on stdout).
  std::function<void(const std::string& url)> on_listen;
};

// Runs until SIGINT or SIGTERM; returns the exit status. Throws InputError
// only for a bad --bind or an issue folder that does not exist.
int serve(const ServeOptions& options);

}  // namespace paiban
