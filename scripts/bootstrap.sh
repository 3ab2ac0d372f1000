# Sourced by scripts/quickstart and scripts/test: makes sure the machine can run the application.
#  1. system packages the GUI and the tests need (Debian/Ubuntu: CJK fonts, the libraries Qt loads);
#  2. a virtual environment in .venv with the package and its dev extras installed (editable);
#  3. the compiled translations (resources/translations/*.qm).
# Safe to run again: it only installs what is missing.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

SYSTEM_PACKAGES=(
  fonts-noto-cjk fonts-wqy-zenhei fontconfig
  # TrueType fonts the PDFs embed (ReportLab cannot embed CFF-based OpenType such as Noto CJK); hanazono
  # and babelstone-han cover the CJK extension planes that rare characters in names come from.
  fonts-lxgw-wenkai fonts-hanazono fonts-babelstone-han
  # The tests check printed PDFs with the real tools: pdffonts, pdftotext, pdftoppm.
  poppler-utils
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libdbus-1-3 libfontconfig1
)

install_system_packages() {
  if [ "$(uname -s)" != "Linux" ] || ! command -v apt-get >/dev/null 2>&1; then
    return 0  # Windows and macOS ship what Qt needs; other Linux distributions: see README "Admin guide"
  fi
  local missing=()
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Python 3.11 or newer is required (python3 --version says: $(python3 --version 2>&1))." >&2
  return 1
}

install_python_packages() {
  local python
  python="$(find_python)"
  [ -x "$VENV/bin/python" ] || "$python" -m venv "$VENV"
  # Reinstall only when pyproject.toml changed since the last install.
  local stamp="$VENV/.installed-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[dev,postgres]"
    rm -f "$VENV"/.installed-* && touch "$stamp"
  fi
}

build_translations() {
  # The .qm files are built, not committed: compile them when the .ts source is newer.
  local ts="$ROOT/resources/translations/ruankao_en.ts" qm="$ROOT/resources/translations/ruankao_en.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    "$VENV/bin/pyside6-lrelease" "$ts" -qm "$qm" >/dev/null
  fi
}

install_system_packages
install_python_packages
build_translations
