// The view of a PipelineGraphScene: the wheel or Ctrl +/- zooms, dragging
// the background pans, Ctrl+0 fits the graph, and components dropped from the
// palette become nodes where they are dropped.
#pragma once

#include <QGraphicsView>

namespace dslab {

class PipelineGraphScene;

class PipelineGraphView : public QGraphicsView {
    Q_OBJECT
public:
    // The MIME type the palette drags: the component's type name as UTF-8.
    static constexpr const char* kComponentMime = "application/x-dslab-component";

    explicit PipelineGraphView(PipelineGraphScene* scene, QWidget* parent = nullptr);
    PipelineGraphScene* graphScene() const { return m_scene; }

    void zoomBy(double factor);
    // Fits the whole graph, never enlarging past 100%.
    void zoomToFit();
    double zoom() const;

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    PipelineGraphScene* m_scene;
};

}  // namespace dslab
