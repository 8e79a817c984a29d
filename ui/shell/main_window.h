// The app's window: the curriculum (chapters and lessons, with a search
// filter) beside the lesson view. It remembers the last lesson and its
// geometry with QSettings.
#pragma once

#include "ui/labs/lab_registry.h"
#include "ui/lessons/lesson_library.h"

#include <QMainWindow>
#include <memory>

class QAction;
class QLineEdit;
class QStackedWidget;
class QToolBar;
class QTreeWidget;
class QTreeWidgetItem;

namespace dslab {

class LessonView;
class PracticeView;
class ProgressStore;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(const LessonLibrary& library, const LabEnvironment& env, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows a lesson by id or number; false if there is none.
    bool openLesson(const QString& idOrNumber);
    LessonView* lessonView() const { return m_view; }
    PracticeView* practiceView() const { return m_practice; }
    ProgressStore& progress() const { return *m_progress; }
    // Switches between the lessons and the interview drill.
    void showPractice(bool on);
    QTreeWidget* curriculum() const { return m_tree; }
    // Restores geometry, theme and the last lesson (or the first one).
    void restoreState();
    // Classroom mode: full screen, larger text, only the lesson and its lab;
    // Page Down/Up (or arrows outside editors) walk the "try this" steps.
    void setPresenterMode(bool on);
    bool isPresenterMode() const { return m_presenting; }
    // Marks the open lesson completed (or not); the curriculum shows a tick.
    void setCurrentLessonCompleted(bool completed);
    QAction* completedAction() const { return m_completedAction; }

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildCurriculum();
    void filterCurriculum(const QString& text);
    void step(int delta);
    void updateLessonItem(QTreeWidgetItem* item);

    const LessonLibrary& m_library;
    std::unique_ptr<ProgressStore> m_progress;
    LessonView* m_view = nullptr;
    PracticeView* m_practice = nullptr;
    QStackedWidget* m_pages = nullptr;
    QAction* m_practiceAction = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLineEdit* m_search = nullptr;
    QString m_currentId;
    QWidget* m_side = nullptr;
    QToolBar* m_toolbar = nullptr;
    QAction* m_presenterAction = nullptr;
    QAction* m_completedAction = nullptr;
    bool m_presenting = false;
    QFont m_normalFont;
};

}  // namespace dslab
