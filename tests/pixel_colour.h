// How close a picture comes to a colour near a point: for tests that a mark is drawn where its data is.
#pragma once

#include <QColor>
#include <QImage>
#include <QPoint>

#include <algorithm>
#include <cstdlib>

// The smallest |Δr| + |Δg| + |Δb| between `colour` and a pixel within `radius` of `at` (1000 outside the image).
inline int nearestColourDistance(const QImage& image, QPoint at, int radius, const QColor& colour) {
  int nearest = 1000;
  for (int dx = -radius; dx <= radius; ++dx)
    for (int dy = -radius; dy <= radius; ++dy) {
      const QPoint p = at + QPoint(dx, dy);
      if (!image.rect().contains(p)) continue;
      const QColor c = image.pixelColor(p);
      nearest = std::min(nearest, std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) + std::abs(c.blue() - colour.blue()));
    }
  return nearest;
}
