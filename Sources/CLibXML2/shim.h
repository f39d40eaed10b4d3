// Debian builds libxml2 with ICU, whose headers clash with the ICU inside Foundation. sitegen
// never touches libxml2's encoding handlers (it hands libxml2 UTF-8), so their ICU fields are
// left out of the headers Swift sees.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
