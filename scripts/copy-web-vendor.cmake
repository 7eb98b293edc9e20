# Copies the front-end libraries the dashboard and widget load from npm's
# node_modules (installed by scripts/install-deps from package-lock.json)
# into web/vendor/, the folder the server serves. Run by the build
# (target web_vendor): cmake -DROOT=<repo> -P scripts/copy-web-vendor.cmake
# Nothing third-party is committed; web/vendor/ is ignored by git.
set(files
  "htm/preact/standalone.module.js:preact-htm.js"
  "uplot/dist/uPlot.esm.js:uplot.js"
  "uplot/dist/uPlot.min.css:uplot.css"
  "uplot/LICENSE:LICENSE-uplot"
  "htm/LICENSE:LICENSE-htm")
file(MAKE_DIRECTORY "${ROOT}/web/vendor")
set(missing "")
foreach(pair IN LISTS files)
  string(REPLACE ":" ";" parts "${pair}")
  list(GET parts 0 from)
  list(GET parts 1 to)
  if(EXISTS "${ROOT}/node_modules/${from}")
    file(COPY_FILE "${ROOT}/node_modules/${from}" "${ROOT}/web/vendor/${to}" ONLY_IF_DIFFERENT)
  else()
    list(APPEND missing "${from}")
  endif()
endforeach()
if(missing)
  message(WARNING "web/vendor: ${missing} not found in node_modules; the dashboard needs them. Run scripts/install-deps (npm ci).")
endif()
