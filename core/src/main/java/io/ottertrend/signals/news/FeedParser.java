package io.ottertrend.signals.news;

import io.ottertrend.signals.NewsItem;
import io.ottertrend.signals.SignalException;
import io.ottertrend.signals.internal.HtmlText;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses RSS 2.0 and Atom 1.0 with the JDK's DOM parser, namespace-aware and locked down: DOCTYPEs are
 * refused outright (no DTD, no external or internal entity expansion, no XInclude), so a hostile feed cannot
 * read files or blow up memory. Elements are matched by local name and namespace: {@code dc:creator}
 * (Dublin Core), {@code content:encoded} (RSS content module), {@code media:*} (Media RSS) are recognised;
 * anything missing is tolerated.
 *
 * <p>Thread-safe: a new {@link DocumentBuilder} per call (they are not thread-safe).
 */
final class FeedParser {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  static final String MEDIA = "http://search.yahoo.com/mrss/";

  private static final DocumentBuilderFactory FACTORY = secureFactory();

  private FeedParser() {}

  private static DocumentBuilderFactory secureFactory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    try {
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setCoalescing(true); // CDATA sections become plain text nodes
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
    }
    return f;
  }

  /** A parsed entry plus its raw guid and link for de-duplication. */
  record Entry(NewsItem item, String guid, String link, String author, String image) {}

  /**
   * Parses one feed document.
   *
   * @param source outlet name used when the feed names none
   * @param fallbackTime publication time for entries without a readable date (the fetch time)
   * @throws SignalException.BadResponse when the text is not RSS or Atom XML
   */
  static List<Entry> parse(String xml, String source, long fallbackTime) {
    Document doc;
    try {
      DocumentBuilder b = FACTORY.newDocumentBuilder();
      b.setErrorHandler(null);
      doc = b.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new SignalException.BadResponse("feed " + source + ": not well-formed XML ("
          + firstLine(e.getMessage()) + ")", e);
    }
    Element root = doc.getDocumentElement();
    String name = root.getLocalName();
    if ("feed".equals(name) && ATOM.equals(root.getNamespaceURI())) {
      return atom(root, source, fallbackTime);
    }
    if ("rss".equals(name) || "RDF".equals(name)) {
      return rss(root, source, fallbackTime);
    }
    throw new SignalException.BadResponse("feed " + source + ": root element <" + root.getNodeName()
        + "> is neither RSS nor Atom");
  }

  private static List<Entry> rss(Element root, String source, long fallbackTime) {
    List<Entry> out = new ArrayList<>();
    // The outlet is named after the feed's host, not its <title>: titles are long marketing lines.
    String outlet = source;
    NodeList items = root.getElementsByTagNameNS("*", "item");
    for (int i = 0; i < items.getLength(); i++) {
      Element item = (Element) items.item(i);
      String title = HtmlText.plain(text(child(item, null, "title")));
      if (title.isEmpty()) {
        continue;
      }
      String link = strip(text(child(item, null, "link")));
      String guid = strip(text(child(item, null, "guid")));
      String body = text(child(item, null, "description"));
      if (body == null || body.isBlank()) {
        body = text(child(item, CONTENT, "encoded"));
      }
      String date = text(child(item, null, "pubDate"));
      if (date == null) {
        date = text(child(item, DC, "date"));
      }
      String image = attr(child(item, MEDIA, "content"), "url");
      if (image == null) {
        image = attr(child(item, MEDIA, "thumbnail"), "url");
      }
      if (image == null) {
        image = attr(child(item, null, "enclosure"), "url");
      }
      String author = strip(text(child(item, DC, "creator")));
      if (author == null) {
        author = strip(text(child(item, null, "author")));
      }
      out.add(entry(guid, title, link, outlet, date, body, fallbackTime, author, image));
    }
    return out;
  }

  private static List<Entry> atom(Element root, String source, long fallbackTime) {
    List<Entry> out = new ArrayList<>();
    String outlet = source;
    NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
    for (int i = 0; i < entries.getLength(); i++) {
      Element e = (Element) entries.item(i);
      String title = HtmlText.plain(text(child(e, ATOM, "title")));
      if (title.isEmpty()) {
        continue;
      }
      String link = null;
      NodeList links = e.getElementsByTagNameNS(ATOM, "link");
      for (int k = 0; k < links.getLength(); k++) {
        Element l = (Element) links.item(k);
        String rel = l.getAttribute("rel");
        if (rel.isEmpty() || rel.equals("alternate")) {
          link = strip(l.getAttribute("href"));
          break;
        }
      }
      String date = text(child(e, ATOM, "published"));
      if (date == null) {
        date = text(child(e, ATOM, "updated"));
      }
      String body = text(child(e, ATOM, "summary"));
      if (body == null || body.isBlank()) {
        body = text(child(e, ATOM, "content"));
      }
      String image = attr(child(e, MEDIA, "thumbnail"), "url");
      String author = strip(text(child(child(e, ATOM, "author"), ATOM, "name")));
      out.add(entry(strip(text(child(e, ATOM, "id"))), title, link, outlet, date, body, fallbackTime, author,
          image));
    }
    return out;
  }

  private static Entry entry(String guid, String title, String link, String outlet, String date, String body,
      long fallbackTime, String author, String image) {
    OptionalLong when = FeedDates.parse(date);
    String id = guid != null && !guid.isEmpty() ? guid : link;
    String excerpt = HtmlText.excerpt(HtmlText.plain(body), NewsItem.MAX_EXCERPT);
    NewsItem item = NewsItem.raw(id, title, link, outlet.strip(), when.orElse(fallbackTime), excerpt);
    return new Entry(item, guid, link, author, image);
  }

  /** First direct child with the local name (and namespace, or no/any-RSS namespace when {@code ns} is null). */
  private static Element child(Element parent, String ns, String local) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el && local.equals(el.getLocalName())) {
        String elNs = el.getNamespaceURI();
        if (ns == null ? elNs == null || elNs.isEmpty() || !isExtension(elNs) : ns.equals(elNs)) {
          return el;
        }
      }
    }
    return null;
  }

  /** Namespaces of RSS extension modules: their elements never stand in for core RSS elements. */
  private static boolean isExtension(String ns) {
    return ns.equals(DC) || ns.equals(CONTENT) || ns.equals(MEDIA) || ns.equals(ATOM)
        || ns.toLowerCase(Locale.ROOT).contains("itunes");
  }

  private static String text(Element e) {
    return e == null ? null : e.getTextContent();
  }

  private static String attr(Element e, String name) {
    if (e == null) {
      return null;
    }
    String v = e.getAttribute(name);
    return v.isBlank() ? null : v.strip();
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
